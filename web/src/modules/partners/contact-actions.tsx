import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { downloadText } from '../../app/csv.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import type { RecordActionProps } from '../../records/record-actions.ts';
import { MergeChoice } from './merge-choice.tsx';
import { erasureConfirmed, personalDataFileName } from './partner-actions-logic.ts';

/**
 * On a contact: everything held about the person as a JSON file, merging another person into this
 * one (or this one into another), and erasure after the name is typed. Each shown only when the
 * role allows it (export; update and delete; delete) — the server checks again.
 */
export default function ContactActions({ id, record, canEdit, permissions }: RecordActionProps) {
  const { t } = useTranslation();
  const name = String(record.fullName ?? '');
  const [merging, setMerging] = useState(false);
  const [erasing, setErasing] = useState(false);
  const exportData = async () => {
    try {
      const data = await api<unknown>(`/api/v1/contacts/${id}/personal-data`);
      downloadText(personalDataFileName(name, id), JSON.stringify(data, null, 2), 'application/json;charset=utf-8');
    } catch (error) {
      showError(error, t);
    }
  };
  const canDelete = permissions.delete !== 'none';
  return (
    <Group gap="xs">
      {permissions.export !== 'none' && (
        <Button variant="default" onClick={() => void exportData()} data-testid="contact-export-data">{t('partnerActions.exportData')}</Button>
      )}
      {canEdit && canDelete && (
        <Button variant="default" onClick={() => setMerging(true)} data-testid="contact-merge">{t('partnerActions.mergeContact')}</Button>
      )}
      <Button variant="default" component={Link} to={`/contacts/duplicates?contactId=${id}`} data-testid="contact-duplicates">{t('partnerActions.findDuplicates')}</Button>
      {canDelete && <Button variant="light" color="red" onClick={() => setErasing(true)} data-testid="contact-erase">{t('partnerActions.erase')}</Button>}
      <Modal opened={merging} onClose={() => setMerging(false)} title={t('partnerActions.mergeContactTitle')} size="lg">
        {merging && <MergeContact id={id} name={name} email={typeof record.email === 'string' ? record.email : null} onClose={() => setMerging(false)} />}
      </Modal>
      <Modal opened={erasing} onClose={() => setErasing(false)} title={t('partnerActions.erase')}>
        {erasing && <EraseContact id={id} name={name} />}
      </Modal>
    </Group>
  );
}

interface Choice {
  value: string;
  label: string;
  name: string;
  email: string | null;
}

function MergeContact({ id, name, email, onClose }: { id: string; name: string; email: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [other, setOther] = useState<Choice | null>(null);
  const options = useQuery({
    queryKey: ['contact-merge-options', debounced],
    queryFn: () => api<{ data: { id: string; fullName: string | null; email: string | null }[] }>(`/api/v1/contacts${qs({ q: debounced || undefined, limit: 20, fields: 'id,fullName,email' })}`),
  });
  const label = (c: { fullName: string | null; email: string | null }) => [c.fullName, c.email].filter(Boolean).join(' · ');
  // the server searches (without diacritics); the person picked stays an option whatever is typed next
  const found: Choice[] = (options.data?.data ?? []).filter((c) => c.id !== id).map((c) => ({ value: c.id, label: label(c), name: c.fullName ?? c.id, email: c.email }));
  const choices = other && !found.some((c) => c.value === other.value) ? [other, ...found] : found;
  const merged = async (keepId: string) => {
    onClose();
    await queryClient.invalidateQueries({ queryKey: ['records', 'contacts'] });
    await queryClient.invalidateQueries({ queryKey: ['record', 'contacts', keepId] });
    await queryClient.invalidateQueries({ queryKey: ['history', 'contacts', keepId] });
    await navigate(`/r/contacts/${keepId}`);
  };
  return (
    <Stack>
      <Select label={t('partnerActions.otherContact')} placeholder={t('partnerActions.searchContact')} searchable clearable
        searchValue={search} onSearchChange={setSearch} filter={({ options: all }) => all} nothingFoundMessage={t('palette.nothing')}
        data={choices.map(({ value, label: text }) => ({ value, label: text }))} value={other?.value ?? null}
        onChange={(value) => setOther(choices.find((c) => c.value === value) ?? null)}
        data-testid="contact-merge-other" />
      {other && (
        // a new choice starts with the picked person kept: "merge into…"
        <MergeChoice key={other.value} resource="contacts" a={{ id, name, detail: email, current: true }} b={{ id: other.value, name: other.name, detail: other.email }} defaultKeep={other.value} onMerged={merged} />
      )}
    </Stack>
  );
}

function EraseContact({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const erase = async () => {
    setBusy(true);
    try {
      await api(`/api/v1/contacts/${id}/erase`, { method: 'POST' });
      showSuccess(t('partnerActions.erased'));
      await queryClient.invalidateQueries({ queryKey: ['records', 'contacts'] });
      await navigate('/r/contacts');
    } catch (error) {
      showError(error, t);
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Text size="sm">{t('partnerActions.eraseWarning')}</Text>
      <TextInput label={t('partnerActions.typeName', { name })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-testid="contact-erase-name" />
      <Group justify="flex-end">
        <Button color="red" loading={busy} disabled={!erasureConfirmed(typed, name)} onClick={() => void erase()} data-testid="contact-erase-confirm">{t('partnerActions.erase')}</Button>
      </Group>
    </Stack>
  );
}
