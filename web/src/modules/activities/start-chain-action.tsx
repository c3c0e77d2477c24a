import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { useMeta } from '../../app/meta.ts';
import type { RecordActionProps } from '../../records/record-actions.ts';

/** On a partner or an opportunity: start a task chain from an active template (its first task is created at once). */
function StartChain({ id, about }: RecordActionProps & { about: 'partnerId' | 'opportunityId' }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chain = meta.data?.entities.find((e) => e.name === 'taskChain');
  const templates = useQuery({
    queryKey: ['task-chain-templates', 'active'],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/task-chain-templates${qs({ filter: JSON.stringify({ field: 'active', op: 'eq', value: true }), limit: 200, fields: 'id,name' })}`),
    enabled: open,
  });
  if (!chain || chain.permissions.create === 'none') return null;
  const start = async () => {
    if (!templateId) return;
    setBusy(true);
    try {
      const created = await api<{ id: string }>('/api/v1/task-chains', { method: 'POST', body: { templateId, [about]: id } });
      showSuccess(t('reminders.chainStarted'));
      await queryClient.invalidateQueries({ queryKey: ['records', 'tasks'] });
      setOpen(false);
      void navigate(`/r/task-chains/${created.id}`);
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="start-chain">{t('reminders.startChain')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('reminders.startChain')}>
        <Stack>
          <Select label={t('fields.templateId')} data={(templates.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))} value={templateId}
            onChange={setTemplateId} searchable data-testid="start-chain-template" comboboxProps={{ withinPortal: false }} />
          <Group justify="flex-end">
            <Button onClick={() => void start()} loading={busy} disabled={!templateId} data-testid="start-chain-go">{t('reminders.start')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export const StartChainOnPartner = (props: RecordActionProps) => <StartChain {...props} about="partnerId" />;
export const StartChainOnOpportunity = (props: RecordActionProps) => <StartChain {...props} about="opportunityId" />;
