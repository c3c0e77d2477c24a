import { Alert, Anchor, Badge, Button, Center, Group, Loader, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatNumber } from '../../app/format.ts';
import { useEntity } from '../../app/meta.ts';
import { MergeChoice } from './merge-choice.tsx';
import { type DuplicatePair, similarityPercent, withoutMerged } from './partner-actions-logic.ts';

/** What differs between the duplicates screens of partners and of contacts. */
const KINDS = {
  partner: {
    resource: 'partners',
    param: 'partnerId',
    title: 'partnerActions.duplicatesTitle',
    hint: 'partnerActions.duplicatesHint',
    hintOf: 'partnerActions.duplicatesOfHint',
    one: 'entities.partner',
    many: 'plural.partner',
  },
  contact: {
    resource: 'contacts',
    param: 'contactId',
    title: 'partnerActions.contactDuplicatesTitle',
    hint: 'partnerActions.contactDuplicatesHint',
    hintOf: 'partnerActions.contactDuplicatesOfHint',
    one: 'entities.contact',
    many: 'plural.contact',
  },
} as const;

/**
 * Likely duplicates — partners (same tax ID, e-mail, or names alike) or contacts (same e-mail,
 * phone, or names alike) — all, or those of one record, and their merge.
 */
export default function DuplicatesPage({ kind = 'partner' }: { kind?: keyof typeof KINDS }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const k = KINDS[kind];
  const recordId = search.get(k.param);
  const { entity } = useEntity(k.resource);
  // merging needs both: the record kept is changed, the other one deleted (the server checks again)
  const canMerge = Boolean(entity && entity.permissions.update !== 'none' && entity.permissions.delete !== 'none');
  const queryKey = ['duplicates', kind, recordId];
  const pairs = useQuery({ queryKey, queryFn: () => api<{ data: DuplicatePair[] }>(`/api/v1/${k.resource}/duplicates${qs({ [k.param]: recordId, limit: 200 })}`) });
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const merged = async (keepId: string, duplicateId: string) => {
    setMerging(null);
    // the pair goes at once; the list is then asked again (names of the partner kept may have changed)
    queryClient.setQueryData<{ data: DuplicatePair[] }>(queryKey, (old) => (old ? { data: withoutMerged(old.data, duplicateId) } : old));
    await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
    await queryClient.invalidateQueries({ queryKey: ['records', k.resource] });
    await queryClient.invalidateQueries({ queryKey: ['record', k.resource, keepId] });
  };
  const rows = pairs.data?.data ?? [];
  return (
    <Stack data-testid="duplicates-page">
      <Group justify="space-between">
        <Title order={2} size="h3">{t(k.title)}</Title>
        <Group gap="md">
          {recordId && <Anchor component={Link} to={`/${k.resource}/duplicates`} data-testid="duplicates-all">{t('partnerActions.allDuplicates')}</Anchor>}
          <Anchor component={Link} to={recordId ? `/r/${k.resource}/${recordId}` : `/r/${k.resource}`}>← {recordId ? t(k.one) : t(k.many)}</Anchor>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">{t(recordId ? k.hintOf : k.hint)}</Text>
      {pairs.isLoading && <Center h={120}><Loader /></Center>}
      {pairs.error && <Alert color="red">{errorMessage(pairs.error, t)}</Alert>}
      {pairs.data && rows.length === 0 && <Text data-testid="no-duplicates">{t('partnerActions.noDuplicates')}</Text>}
      {rows.length > 0 && (
        <Paper withBorder>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(k.one)}</Table.Th>
                <Table.Th>{t(k.one)}</Table.Th>
                <Table.Th>{t('partnerActions.why')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={`${p.aId}-${p.bId}`} data-testid="duplicate-pair">
                  <Table.Td><Anchor component={Link} to={`/r/${k.resource}/${p.aId}`}>{p.aName}</Anchor></Table.Td>
                  <Table.Td><Anchor component={Link} to={`/r/${k.resource}/${p.bId}`}>{p.bName}</Anchor></Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light">{t(`partnerActions.reason.${p.reason}`)}</Badge>
                      <Text span size="xs" c="dimmed" data-testid="duplicate-similarity">
                        {t('partnerActions.similarity', { percent: formatNumber(similarityPercent(p.similarity), i18n.language) })}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    {canMerge && <Button size="xs" onClick={() => setMerging(p)} data-testid="duplicate-merge">{t('partnerActions.merge')}</Button>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal opened={merging !== null} onClose={() => setMerging(null)} title={t('partnerActions.merge')} size="lg">
        {merging && (
          <MergeChoice key={`${merging.aId}-${merging.bId}`} resource={k.resource} a={{ id: merging.aId, name: merging.aName, current: merging.aId === recordId }} b={{ id: merging.bId, name: merging.bName, current: merging.bId === recordId }}
            defaultKeep={recordId === merging.bId ? merging.bId : merging.aId} onMerged={merged} />
        )}
      </Modal>
    </Stack>
  );
}
