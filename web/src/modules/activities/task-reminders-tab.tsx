import { Badge, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';

interface ScheduledReminder {
  id: string;
  offsetMinutes: number | null;
  remindAt: string;
  status: 'pending' | 'sent' | 'cancelled';
  sentAt: string | null;
}

const COLOR = { pending: 'blue', sent: 'teal', cancelled: 'gray' } as const;

/** On a task: when its reminders fire (the list itself is edited in the task's form). */
export default function TaskRemindersTab({ id }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const rows = useQuery({ queryKey: ['task-reminders', id], queryFn: () => api<{ data: ScheduledReminder[] }>(`/api/v1/tasks/${id}/reminders`) });
  const data = rows.data?.data ?? [];
  return (
    <Paper withBorder>
      <Table data-testid="task-reminders">
        <Table.Tbody>
          {data.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatDateTime(r.remindAt, i18n.language)}</Table.Td>
              <Table.Td><Badge color={COLOR[r.status]} variant="light">{t(`reminders.status.${r.status}`)}</Badge></Table.Td>
              <Table.Td>{r.sentAt ? formatDateTime(r.sentAt, i18n.language) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.length === 0 && !rows.isLoading && <Text c="dimmed" p="md">{t('reminders.noneScheduled')}</Text>}
    </Paper>
  );
}
