import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { enumLabel } from '../../app/labels.ts';
import { statusColor, taskRowColor } from './task-logic.ts';

type Row = Record<string, unknown> & { id: string };

function useRelated(resource: string, partnerId: string, sort: string) {
  return useQuery({
    queryKey: ['records', resource, 'partner', partnerId],
    queryFn: () => api<{ data: Row[] }>(`/api/v1/${resource}${qs({ filter: JSON.stringify({ field: 'partnerId', op: 'eq', value: partnerId }), sort, limit: 100 })}`),
  });
}

const when = (value: unknown, language: string) => (typeof value === 'string' ? formatDateTime(value, language) : '—');

/** The partner's events (calls, meetings, visits …), newest first, and a new one about the partner. */
export function PartnerEventsTab({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const events = useRelated('events', id, '-startsAt');
  const rows = events.data?.data ?? [];
  return (
    <Stack>
      {canEdit && (
        <Group>
          <Button component={Link} to={`/r/events/new?about=${encodeURIComponent(`partner:${id}`)}`} data-testid="partner-new-event">{t('palette.newEvent')}</Button>
        </Group>
      )}
      <Paper withBorder>
        <Table data-testid="partner-events">
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{when(e.startsAt, i18n.language)}</Table.Td>
                <Table.Td><Badge variant="light">{String(e.kind ?? '')}</Badge></Table.Td>
                <Table.Td><Anchor component={Link} to={`/r/events/${e.id}`}>{String(e.subject ?? '')}</Anchor></Table.Td>
                <Table.Td>{typeof e.minutesSpent === 'number' ? `${e.minutesSpent} min` : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && !events.isLoading && <Text c="dimmed" p="md">{t('activities.noEvents')}</Text>}
      </Paper>
    </Stack>
  );
}

/** The partner's tasks by deadline, overdue ones in red, and a new one about the partner. */
export function PartnerTasksTab({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const tasks = useRelated('tasks', id, 'dueAt');
  const rows = tasks.data?.data ?? [];
  return (
    <Stack>
      {canEdit && (
        <Group>
          <Button component={Link} to={`/r/tasks/new?about=${encodeURIComponent(`partner:${id}`)}`} data-testid="partner-new-task">{t('palette.newTask')}</Button>
        </Group>
      )}
      <Paper withBorder>
        <Table data-testid="partner-tasks">
          <Table.Tbody>
            {rows.map((task) => (
              <Table.Tr key={task.id} style={{ background: taskRowColor(task) }}>
                <Table.Td><Anchor component={Link} to={`/r/tasks/${task.id}`}>{String(task.title ?? '')}</Anchor></Table.Td>
                <Table.Td>
                  <Badge color={statusColor(task.status)} variant="light">{enumLabel(t, 'task', 'status', String(task.status))}</Badge>
                </Table.Td>
                <Table.Td>{when(task.dueAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && !tasks.isLoading && <Text c="dimmed" p="md">{t('activities.noTasks')}</Text>}
      </Paper>
    </Stack>
  );
}
