import { Badge, Button, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { mergeRequest } from './partner-actions-logic.ts';

export interface MergeSide {
  id: string;
  name: string;
  /** A line that tells two people of the same name apart (e.g. the e-mail). */
  detail?: string | null;
  /** The record the user came from. */
  current?: boolean;
}

/**
 * Two records side by side: the user picks the one kept, is told what moves to it, and merges
 * (the other goes to the trash). Used for partners (duplicates screen) and contacts (record page).
 */
export function MergeChoice({ resource, a, b, defaultKeep, onMerged }: {
  resource: 'partners' | 'contacts';
  a: MergeSide;
  b: MergeSide;
  defaultKeep: string;
  onMerged: (keepId: string, duplicateId: string) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [keep, setKeep] = useState(defaultKeep);
  const [busy, setBusy] = useState(false);
  const { duplicateId } = mergeRequest(keep, a.id, b.id);
  const merge = async () => {
    setBusy(true);
    try {
      await api(`/api/v1/${resource}/${keep}/merge`, { method: 'POST', body: { duplicateId } });
      showSuccess(t('partnerActions.merged'));
      await onMerged(keep, duplicateId);
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  const side = (s: MergeSide, testId: string) => (
    <Radio.Card value={s.id} p="md" radius="md" data-testid={testId}>
      <Group wrap="nowrap" align="flex-start">
        <Radio.Indicator />
        <Stack gap={4}>
          <Text fw={600}>{s.name}</Text>
          {s.detail && <Text size="sm">{s.detail}</Text>}
          {s.current && <Text size="xs" c="dimmed">{t('partnerActions.thisOne')}</Text>}
          {s.id === keep ? (
            <Badge color="teal" variant="light">{t('partnerActions.kept')}</Badge>
          ) : (
            <Text size="xs" c="dimmed" fs="italic">{t('partnerActions.toTrash')}</Text>
          )}
        </Stack>
      </Group>
    </Radio.Card>
  );
  return (
    <Stack data-testid="merge-choice">
      <Radio.Group value={keep} onChange={setKeep} label={t('partnerActions.keep')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {side(a, 'merge-keep-a')}
          {side(b, 'merge-keep-b')}
        </SimpleGrid>
      </Radio.Group>
      <Text size="sm">{t(resource === 'partners' ? 'partnerActions.mergeHint' : 'partnerActions.mergeContactHint')}</Text>
      <Group justify="flex-end">
        <Button onClick={() => void merge()} loading={busy} data-testid="merge-confirm">{t('partnerActions.mergeInto', { name: keep === a.id ? a.name : b.name })}</Button>
      </Group>
    </Stack>
  );
}
