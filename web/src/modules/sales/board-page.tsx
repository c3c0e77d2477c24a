import { Alert, Anchor, Badge, Box, Button, Center, Group, Loader, Card as MantineCard, Menu, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { errorMessage } from '../../app/errors.ts';
import { formatDate, formatMoney, formatNumber } from '../../app/format.ts';
import { fieldLabel } from '../../app/labels.ts';
import { type EntityMeta, useMeta } from '../../app/meta.ts';
import { useReferenceNames } from '../../records/references.ts';
import { appendPage, type Card, type Column, funnelWidths, moveCard } from './board-logic.ts';

interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
}

/** Why the server refused a move, in the reader's language: the fields the stage needs, or its message. */
function refusal(error: unknown, t: TFunction, entity: EntityMeta | undefined): string {
  if (error instanceof ApiError && error.fieldErrors.some((e) => e.message === 'validation.stageRequires')) {
    const names = error.fieldErrors
      .filter((e) => e.message === 'validation.stageRequires')
      .map((e) => {
        const field = entity?.fields.find((f) => f.name === e.path);
        return field ? fieldLabel(t, field) : e.path;
      });
    return t('sales.stageNeeds', { stage: String(error.body.stage ?? ''), fields: names.join(', ') });
  }
  if (error instanceof ApiError && error.fieldErrors[0]) return t(error.fieldErrors[0].message, { defaultValue: error.message });
  return errorMessage(error, t);
}

/** The sales board: a column per stage, cards dragged (or moved by menu) between them; the server checks each move. */
export default function BoardPage() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const queryClient = useQueryClient();
  const entity = meta.data?.entities.find((e) => e.name === 'opportunity');
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: () => api<{ data: Pipeline[] }>(`/api/v1/pipelines${qs({ limit: 100 })}`) });
  const fallback = useQuery({ queryKey: ['pipeline-default'], queryFn: () => api<{ id: string }>('/api/v1/pipelines/default') });
  const [chosen, setChosen] = useState<string | null>(null);
  const pipelineId = chosen ?? fallback.data?.id ?? null;
  const board = useQuery({
    queryKey: ['board', pipelineId],
    enabled: Boolean(pipelineId),
    queryFn: () => api<{ data: Column[] }>(`/api/v1/pipelines/${pipelineId}/board${qs({ perColumn: 30 })}`),
  });
  const funnel = useQuery({
    queryKey: ['funnel', pipelineId],
    enabled: Boolean(pipelineId),
    queryFn: () => api<{ data: (Column & { reached: number })[] }>(`/api/v1/pipelines/${pipelineId}/funnel`),
  });
  const columns = board.data?.data ?? [];
  const partners = useReferenceNames('partner', columns.flatMap((c) => c.items.map((i) => i.partnerId ?? '')).filter(Boolean));
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);

  const move = async (card: Card, stageId: string) => {
    if (card.stageId === stageId) return;
    setProblem(null);
    const key = ['board', pipelineId];
    const before = queryClient.getQueryData<{ data: Column[] }>(key);
    if (before) queryClient.setQueryData(key, { data: moveCard(before.data, card.id, stageId) });
    try {
      await api(`/api/v1/opportunities/${card.id}/move`, { method: 'POST', body: { stageId, version: card.version } });
    } catch (error) {
      if (before) queryClient.setQueryData(key, before);
      setProblem(refusal(error, t, entity));
    }
    await queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: ['funnel', pipelineId] });
  };
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  /** The next cards of a column, in the board's order, from where it stopped. */
  const loadMore = async (column: Column) => {
    if (!column.nextCursor || !entity) return;
    setLoadingMore(column.id);
    try {
      const filter = JSON.stringify({ field: 'stageId', op: 'eq', value: column.id });
      const page = await api<{ data: Card[]; nextCursor: string | null }>(`${entity.path}${qs({ filter, sort: '-updatedAt', limit: 30, cursor: column.nextCursor })}`);
      const key = ['board', pipelineId];
      const current = queryClient.getQueryData<{ data: Column[] }>(key);
      if (current) queryClient.setQueryData(key, { data: appendPage(current.data, column.id, page) });
    } catch (error) {
      setProblem(refusal(error, t, entity));
    } finally {
      setLoadingMore(null);
    }
  };
  const onDrop = (event: DragEvent, stageId: string) => {
    event.preventDefault();
    const card = columns.flatMap((c) => c.items).find((i) => i.id === event.dataTransfer.getData('text/plain'));
    setDragging(null);
    if (card) void move(card, stageId);
  };

  if (!entity) return meta.isLoading ? <Center h={200}><Loader /></Center> : <Alert color="red">{t('errors.forbidden')}</Alert>;
  const widths = funnelWidths((funnel.data?.data ?? []).map((s) => s.reached));
  return (
    <Stack gap="sm" data-testid="sales-board">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('sales.board')}</Title>
        <Group gap="xs">
          <Select
            aria-label={t('entities.pipeline')}
            data={(pipelines.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={pipelineId}
            onChange={setChosen}
            allowDeselect={false}
            w={200}
          />
          <Button component={Link} to="/r/opportunities" variant="default">{t('sales.table')}</Button>
          {entity.permissions.create !== 'none' && (
            <Button component={Link} to="/r/opportunities/new" data-testid="new-opportunity">{t('app.new')}</Button>
          )}
        </Group>
      </Group>
      {problem && <Alert color="red" withCloseButton onClose={() => setProblem(null)} data-testid="board-problem">{problem}</Alert>}
      {board.isLoading && <Center h={200}><Loader /></Center>}
      <ScrollArea type="auto" offsetScrollbars>
        {/* columns as tall as the tallest: a card can be dropped anywhere below a short column */}
        <Group align="stretch" wrap="nowrap" gap="sm">
          {columns.map((column) => (
            <Box
              key={column.id}
              w={260}
              miw={260}
              p="xs"
              bg={dragging ? 'var(--mantine-color-default-hover)' : 'var(--mantine-color-default)'}
              style={{ borderRadius: 8, border: '1px solid var(--mantine-color-default-border)' }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, column.id)}
              data-testid="board-column"
              data-stage={column.name}
            >
              <Group justify="space-between" mb={4}>
                <Text fw={700} size="sm">{column.name}</Text>
                <Badge variant="light" data-testid="column-count">{formatNumber(column.count, i18n.language)}</Badge>
              </Group>
              {column.outcome !== 'open' && <Text size="xs" c="dimmed" data-testid="column-closed-lately">{t('sales.closedLately', { days: 90 })}</Text>}
              <Text size="xs" c="dimmed" mb="xs">
                {column.probability}% · {column.amounts.map((a) => (a.currency ? formatMoney(a.amount, a.currency, i18n.language) : formatNumber(a.amount, i18n.language))).join(' + ') || '—'}
              </Text>
              <Stack gap={6}>
                {column.items.map((card) => (
                  <MantineCard
                    key={card.id}
                    withBorder
                    padding="xs"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', card.id);
                      setDragging(card.id);
                    }}
                    onDragEnd={() => setDragging(null)}
                    style={{ cursor: 'grab' }}
                    data-testid="board-card"
                  >
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Anchor component={Link} to={`/r/opportunities/${card.id}`} size="sm" fw={600}>{card.name}</Anchor>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button size="compact-xs" variant="subtle" aria-label={t('sales.moveTo')} data-testid="card-move">⋯</Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Label>{t('sales.moveTo')}</Menu.Label>
                          {columns.filter((c) => c.id !== card.stageId).map((c) => (
                            <Menu.Item key={c.id} onClick={() => void move(card, c.id)} data-testid="move-to">{c.name}</Menu.Item>
                          ))}
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                    {card.partnerId && <Text size="xs" c="dimmed">{partners.get(card.partnerId) ?? ''}</Text>}
                    <Group justify="space-between">
                      <Text size="xs">{card.amount && card.currency ? formatMoney(card.amount, card.currency, i18n.language) : ''}</Text>
                      <Text size="xs" c="dimmed">{formatDate(card.expectedClose, i18n.language)}</Text>
                    </Group>
                  </MantineCard>
                ))}
                {column.count > column.items.length && (
                  <Group justify="space-between" gap={4}>
                    {column.nextCursor && (
                      <Button size="compact-xs" variant="light" loading={loadingMore === column.id} onClick={() => void loadMore(column)} data-testid="column-more">
                        {t('sales.showMore')}
                      </Button>
                    )}
                    <Anchor component={Link} to={`/r/opportunities${qs({ filter: JSON.stringify({ field: 'stageId', op: 'eq', value: column.id }) })}`} size="xs" data-testid="column-table">
                      {t('sales.more', { count: column.count - column.items.length })}
                    </Anchor>
                  </Group>
                )}
              </Stack>
            </Box>
          ))}
        </Group>
      </ScrollArea>
      {(funnel.data?.data.length ?? 0) > 0 && (
        <Stack gap={4} maw={640} data-testid="funnel">
          <Title order={3} size="h5">{t('sales.funnel')}</Title>
          {funnel.data!.data.map((s, i) => (
            <Group key={s.id} gap="xs" wrap="nowrap">
              <Text size="sm" w={160} truncate>{s.name}</Text>
              <Box h={14} w={`${widths[i]}%`} maw={400} bg={s.outcome === 'lost' ? 'red.4' : s.outcome === 'won' ? 'teal.5' : 'blue.5'} style={{ borderRadius: 3 }} />
              <Text size="sm">{formatNumber(s.reached, i18n.language)}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
