import { Anchor, Badge, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { enumLabel } from '../../app/labels.ts';
import { statusColor } from './task-logic.ts';

type Row = { id: string; title: string; chainStep: number | null; status: string; dueAt: string | null };

/** On a task chain: its tasks so far, step by step. */
export default function ChainTasksTab({ id }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const tasks = useQuery({
    queryKey: ['records', 'tasks', 'chain', id],
    queryFn: () => api<{ data: Row[] }>(`/api/v1/tasks${qs({ filter: JSON.stringify({ field: 'chainId', op: 'eq', value: id }), sort: 'chainStep', limit: 100 })}`),
  });
  const rows = tasks.data?.data ?? [];
  return (
    <Paper withBorder>
      <Table data-testid="chain-tasks">
        <Table.Tbody>
          {rows.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td w={1}>{task.chainStep}</Table.Td>
              <Table.Td><Anchor component={Link} to={`/r/tasks/${task.id}`}>{task.title}</Anchor></Table.Td>
              <Table.Td><Badge color={statusColor(task.status)} variant="light">{enumLabel(t, 'task', 'status', task.status)}</Badge></Table.Td>
              <Table.Td>{task.dueAt ? formatDateTime(task.dueAt, i18n.language) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !tasks.isLoading && <Text c="dimmed" p="md">{t('activities.noTasks')}</Text>}
    </Paper>
  );
}
