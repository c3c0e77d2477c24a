import { Alert, Anchor, Badge, Button, Center, Group, Loader, Modal, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { errorMessage, showSuccess } from '../../app/errors.ts';
import { formatNumber } from '../../app/format.ts';

interface Pair {
  aId: string;
  aName: string;
  bId: string;
  bName: string;
  reason: 'taxId' | 'email' | 'name';
  similarity: number;
}

/** Likely duplicate partners (same tax ID, e-mail, or names alike) and their merge, one pair at a time. */
export default function DuplicatesPage() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const partnerId = search.get('partnerId');
  const pairs = useQuery({ queryKey: ['duplicates', partnerId], queryFn: () => api<{ data: Pair[] }>(`/api/v1/partners/duplicates${qs({ partnerId, limit: 200 })}`) });
  const [merging, setMerging] = useState<Pair | null>(null);
  const [keep, setKeep] = useState<string>('');
  const [problem, setProblem] = useState<string | null>(null);
  const merge = async () => {
    if (!merging) return;
    const duplicateId = keep === merging.aId ? merging.bId : merging.aId;
    try {
      await api(`/api/v1/partners/${keep}/merge`, { method: 'POST', body: { duplicateId } });
      setMerging(null);
      showSuccess(t('partnerActions.merged'));
      await pairs.refetch();
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  return (
    <Stack data-testid="duplicates-page">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('partnerActions.duplicatesTitle')}</Title>
        <Anchor component={Link} to="/r/partners">{t('plural.partner')}</Anchor>
      </Group>
      <Text size="sm" c="dimmed">{t('partnerActions.duplicatesHint')}</Text>
      {pairs.isLoading && <Center h={120}><Loader /></Center>}
      {pairs.error && <Alert color="red">{errorMessage(pairs.error, t)}</Alert>}
      {pairs.data && pairs.data.data.length === 0 && <Text data-testid="no-duplicates">{t('partnerActions.noDuplicates')}</Text>}
      {pairs.data && pairs.data.data.length > 0 && (
        <Table striped>
          <Table.Tbody>
            {pairs.data.data.map((p) => (
              <Table.Tr key={`${p.aId}-${p.bId}`} data-testid="duplicate-pair">
                <Table.Td><Anchor component={Link} to={`/r/partners/${p.aId}`}>{p.aName}</Anchor></Table.Td>
                <Table.Td><Anchor component={Link} to={`/r/partners/${p.bId}`}>{p.bName}</Anchor></Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`partnerActions.reason.${p.reason}`)}</Badge>
                  {p.reason === 'name' && <Text span size="xs" c="dimmed"> {formatNumber(Math.round(p.similarity * 100), i18n.language)} %</Text>}
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" onClick={() => { setMerging(p); setKeep(p.aId); setProblem(null); }} data-testid="duplicate-merge">{t('partnerActions.merge')}</Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={merging !== null} onClose={() => setMerging(null)} title={t('partnerActions.merge')}>
        {merging && (
          <Stack>
            <Text size="sm">{t('partnerActions.mergeHint')}</Text>
            <Radio.Group value={keep} onChange={setKeep} label={t('partnerActions.keep')}>
              <Stack gap="xs" mt="xs">
                <Radio value={merging.aId} label={merging.aName} data-testid="merge-keep-a" />
                <Radio value={merging.bId} label={merging.bName} data-testid="merge-keep-b" />
              </Stack>
            </Radio.Group>
            {problem && <Alert color="red">{problem}</Alert>}
            <Group justify="flex-end">
              <Button onClick={() => void merge()} data-testid="merge-confirm">{t('partnerActions.merge')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
