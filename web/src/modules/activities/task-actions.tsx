import { Badge, Button, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { enumLabel } from '../../app/labels.ts';
import type { RecordActionProps } from '../../records/record-actions.ts';
import { statusColor } from './task-logic.ts';

/** On a task: its computed status, and Complete or Reopen. */
export function TaskActions({ id, record, canEdit, reload }: RecordActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const done = Boolean(record.completedAt);
  const run = async (action: 'complete' | 'reopen') => {
    setBusy(true);
    try {
      await api(`/api/v1/tasks/${id}/${action}`, { method: 'POST', body: { version: record.version } });
      showSuccess(t(action === 'complete' ? 'activities.completed' : 'activities.reopened'));
      await queryClient.invalidateQueries({ queryKey: ['records', 'tasks'] });
      await queryClient.invalidateQueries({ queryKey: ['history', 'tasks', id] });
      reload();
    } catch (error) {
      showError(error, t);
    } finally {
      setBusy(false);
    }
  };
  const status = String(record.status ?? 'open');
  return (
    <Group gap="xs">
      <Badge color={statusColor(status)} size="lg" variant="light" data-testid="task-status">{enumLabel(t, 'task', 'status', status)}</Badge>
      {canEdit &&
        (done ? (
          <Button variant="default" loading={busy} onClick={() => void run('reopen')} data-testid="task-reopen">{t('activities.reopen')}</Button>
        ) : (
          <Button color="green" loading={busy} onClick={() => void run('complete')} data-testid="task-complete">{t('activities.complete')}</Button>
        ))}
    </Group>
  );
}
