import { Button, Group, Paper, SimpleGrid, Stack, Text, Timeline } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';

interface Entry {
  eventId: string;
  at: string;
  type: string;
  entity: string;
  actorName: string | null;
  payload: { changes?: Record<string, [unknown, unknown]> } | null;
}

/** Everything that happened with the partner, newest first, with counts by kind. */
export default function TimelineTab({ id }: { id: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const stats = useQuery({ queryKey: ['partner-stats', id], queryFn: () => api<{ byEntity: Record<string, number>; total: number }>(`/api/v1/partners/${id}/stats`) });
  const timeline = useInfiniteQuery({
    queryKey: ['partner-timeline', id],
    queryFn: ({ pageParam }) => api<{ data: Entry[]; nextCursor: string | null }>(`/api/v1/partners/${id}/timeline${qs({ limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  const describe = (e: Entry) => {
    const [entity, action] = e.type.split('.');
    return `${t(`entities.${entity}`, { defaultValue: entity })} · ${t(`history.${action}`, { defaultValue: action })}`;
  };
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="partner-stats">
        {Object.entries(stats.data?.byEntity ?? {}).map(([entity, count]) => (
          <Paper key={entity} withBorder p="xs">
            <Text size="xs" c="dimmed">{t(`plural.${entity}`, { defaultValue: entity })}</Text>
            <Text fw={700}>{count}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Timeline bulletSize={12} lineWidth={2} data-testid="partner-timeline">
        {entries.map((e) => (
          <Timeline.Item key={e.eventId} title={describe(e)}>
            <Text size="xs" c="dimmed">{formatDateTime(e.at, i18n.language)} · {e.actorName ?? '—'}</Text>
            {Object.keys(e.payload?.changes ?? {}).length > 0 && (
              <Text size="xs">{Object.keys(e.payload?.changes ?? {}).map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ')}</Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      {entries.length === 0 && !timeline.isLoading && <Text c="dimmed">{t('record.historyEmpty')}</Text>}
      {timeline.hasNextPage && (
        <Group>
          <Button variant="subtle" onClick={() => void timeline.fetchNextPage()}>{t('partners.more')}</Button>
        </Group>
      )}
    </Stack>
  );
}
