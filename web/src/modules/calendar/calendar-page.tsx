import { ActionIcon, Alert, Button, Group, Loader, Modal, MultiSelect, SegmentedControl, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, qs } from '../../app/api.ts';
import { showError } from '../../app/errors.ts';
import { localeTag } from '../../app/format.ts';
import { useMe } from '../../app/session.ts';
import { type CalendarData, type CalendarItem, fetchCalendar, fetchCalendarSettings, moveItem, type OccurrenceScope, withMoved } from './calendar-api.ts';
import { type CalendarView, colorFor, dayKey, firstDayOfWeek, parseDayKey, stepAnchor, VIEWS, viewDays, viewRange } from './calendar-grid.ts';
import { type FormTarget, ItemForm } from './item-form.tsx';
import { MonthView, YearView } from './month-year.tsx';
import { type GridColumn, TimeGrid } from './time-grid.tsx';
import './calendar.css';

const DEFAULT_HOURS = { workDays: [1, 2, 3, 4, 5], workStart: '08:00', workEnd: '17:00' };
const ids = (value: string | null) => (value ?? '').split(',').filter(Boolean);

/**
 * The calendar (A4): day, week, month and year; several people overlaid (a colour each) or, in the
 * day view, side by side; reservations of chosen resources (A5); public holidays; working hours.
 * Its state lives in the URL (view, date, people, resources, mode), so a day can be linked to.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tag = localeTag(i18n.language);
  const firstDay = firstDayOfWeek(tag);
  const view = (VIEWS as string[]).includes(params.get('view') ?? '') ? (params.get('view') as CalendarView) : 'week';
  const anchor = parseDayKey(params.get('date'));
  const myId = me.data?.user.id ?? '';
  const users = ids(params.get('users')).length ? ids(params.get('users')) : myId ? [myId] : [];
  const resources = ids(params.get('resources'));
  const sideBySide = params.get('mode') === 'columns' && view === 'day';
  const [form, setForm] = useState<FormTarget | null>(null);
  const [pendingMove, setPendingMove] = useState<{ item: CalendarItem; start: Date; end: Date } | null>(null);

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: false });
  };

  const { from, to } = viewRange(view, anchor, firstDay);
  const queryKey = ['calendar', from.toISOString(), to.toISOString(), users.join(','), resources.join(',')];
  const data = useQuery({ queryKey, queryFn: () => fetchCalendar(from, to, users, resources), enabled: users.length > 0, placeholderData: (previous) => previous });
  const settings = useQuery({ queryKey: ['calendar-settings'], queryFn: fetchCalendarSettings });
  const people = useQuery({
    queryKey: ['calendar-people'],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/users${qs({ limit: 500, sort: 'name', fields: 'name' })}`),
    staleTime: 300_000,
  });
  const resourceList = useQuery({
    queryKey: ['calendar-resources'],
    queryFn: () => api<{ data: { id: string; name: string }[] }>(`/api/v1/resources${qs({ limit: 500, sort: 'name', fields: 'name' })}`),
    staleTime: 300_000,
    retry: false,
  });

  const peopleOptions = useMemo(() => (people.data?.data ?? []).map((u) => ({ value: u.id, label: u.name })), [people.data]);
  const nameOf = (id: string) => data.data?.users.find((u) => u.id === id)?.name ?? peopleOptions.find((p) => p.value === id)?.label ?? '';
  const colorOf = (item: CalendarItem) => {
    if (item.kind === 'reservation' && item.resourceId && resources.includes(item.resourceId)) {
      return data.data?.resources.find((r) => r.id === item.resourceId)?.color ?? '#868e96';
    }
    const index = users.indexOf(item.userId ?? '');
    return index >= 0 ? colorFor(index) : '#868e96';
  };
  const holidays = useMemo(() => new Map((data.data?.holidays ?? []).map((h) => [h.date, h.name])), [data.data]);
  const items = data.data?.items ?? [];
  const hours = settings.data ?? DEFAULT_HOURS;

  const days = viewDays(view, anchor, firstDay);
  const columns: GridColumn[] = sideBySide
    ? users.map((u) => ({ day: days[0]!, userId: u, label: nameOf(u) }))
    : days.map((d) => ({ day: d, userId: null, label: null }));

  const title = (() => {
    switch (view) {
      case 'day':
        return new Intl.DateTimeFormat(tag, { dateStyle: 'full' }).format(anchor);
      case 'week':
        return `${new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' }).format(days[0])} – ${new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(days[6])}`;
      case 'month':
        return new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric' }).format(anchor);
      case 'year':
        return String(anchor.getFullYear());
    }
  })();

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar'] });
  const openDay = (day: Date) => update({ view: 'day', date: dayKey(day) });
  const openItem = (item: CalendarItem) => {
    if (item.busy || !item.id) return;
    const start = new Date(item.startsAt);
    const end = new Date(item.endsAt);
    if (item.kind === 'reservation') {
      void navigate(`/r/reservations/${item.id}`);
      return;
    }
    setForm({ item, start, end, userId: item.userId ?? myId });
  };

  const commitMove = async (item: CalendarItem, start: Date, end: Date, scope?: OccurrenceScope) => {
    // shown at once; put back by the reload when the server refuses
    const previous = queryClient.getQueryData<CalendarData>(queryKey);
    if (previous) queryClient.setQueryData(queryKey, withMoved(previous, item.key, start, end));
    try {
      await moveItem(item, start, end, scope);
    } catch (error) {
      if (previous) queryClient.setQueryData(queryKey, previous);
      if (error instanceof ApiError && error.status === 409) showError(new ApiError(409, { detail: t('calendar.conflict') }), t);
      else showError(error, t);
    } finally {
      void refresh();
    }
  };
  const onMove = (item: CalendarItem, start: Date, end: Date) => {
    if (item.kind === 'event' && item.rrule) setPendingMove({ item, start, end });
    else void commitMove(item, start, end);
  };

  if (!me.data) return null;
  return (
    <Stack gap="sm" className="kc-page">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Title order={2} size="h3">
            {t('calendar.title')}
          </Title>
          <Button variant="default" size="xs" onClick={() => update({ date: dayKey(new Date()) })} data-testid="calendar-today">
            {t('calendar.today')}
          </Button>
          <ActionIcon variant="default" onClick={() => update({ date: dayKey(stepAnchor(view, anchor, -1)) })} aria-label={t('calendar.previous')} data-testid="calendar-prev">
            ‹
          </ActionIcon>
          <ActionIcon variant="default" onClick={() => update({ date: dayKey(stepAnchor(view, anchor, 1)) })} aria-label={t('calendar.next')} data-testid="calendar-next">
            ›
          </ActionIcon>
          <Title order={3} size="h5" data-testid="calendar-title">
            {title}
          </Title>
          {data.isFetching && <Loader size="xs" />}
        </Group>
        <Group gap="xs" wrap="wrap">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => update({ view: v })}
            data={VIEWS.map((v) => ({ value: v, label: t(`calendar.view.${v}`) }))}
            data-testid="calendar-views"
          />
          {view === 'day' && (
            <SegmentedControl
              size="xs"
              value={sideBySide ? 'columns' : 'overlay'}
              onChange={(v) => update({ mode: v === 'columns' ? 'columns' : null })}
              data={[
                { value: 'overlay', label: t('calendar.overlay') },
                { value: 'columns', label: t('calendar.sideBySide') },
              ]}
              data-testid="calendar-mode"
            />
          )}
          <Button
            size="xs"
            onClick={() => {
              const start = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate(), 9);
              setForm({ item: null, start, end: new Date(start.getTime() + 3_600_000), userId: myId });
            }}
            data-testid="calendar-new"
          >
            {t('calendar.newItem')}
          </Button>
        </Group>
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <MultiSelect
          label={t('calendar.people')}
          data={peopleOptions}
          value={users}
          onChange={(v) => update({ users: v.length ? v.join(',') : null })}
          searchable
          maxValues={10}
          miw={260}
          data-testid="calendar-users"
          renderOption={({ option }) => {
            const index = users.indexOf(option.value);
            return (
              <Group gap={6}>
                <span className="kc-swatch" style={{ background: index >= 0 ? colorFor(index) : 'transparent' }} />
                {option.label}
              </Group>
            );
          }}
        />
        {(resourceList.data?.data.length ?? 0) > 0 && (
          <MultiSelect
            label={t('calendar.resources')}
            data={(resourceList.data?.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={resources}
            onChange={(v) => update({ resources: v.length ? v.join(',') : null })}
            searchable
            miw={220}
            data-testid="calendar-resources"
          />
        )}
        <Group gap={8} className="kc-legend" data-testid="calendar-legend">
          {users.map((u, index) => (
            <span key={u} className="kc-legend-item">
              <span className="kc-swatch" style={{ background: colorFor(index) }} />
              {nameOf(u)}
            </span>
          ))}
        </Group>
      </Group>
      {data.error && <Alert color="red">{data.error instanceof ApiError ? data.error.message : t('errors.generic')}</Alert>}
      {data.data?.truncated && <Alert color="yellow">{t('calendar.truncated')}</Alert>}
      {(view === 'day' || view === 'week') && (
        <TimeGrid
          columns={columns}
          items={items}
          colorOf={colorOf}
          holidays={holidays}
          workingHours={hours}
          defaultUserId={myId}
          onSelect={(start, end, userId) => setForm({ item: null, start, end, userId })}
          onOpen={openItem}
          onMove={onMove}
        />
      )}
      {view === 'month' && <MonthView days={days} anchor={anchor} firstDay={firstDay} items={items} holidays={holidays} colorOf={colorOf} onDay={openDay} onOpen={openItem} />}
      {view === 'year' && <YearView year={anchor.getFullYear()} firstDay={firstDay} items={items} holidays={holidays} onDay={openDay} />}
      <ItemForm
        target={form}
        people={peopleOptions}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          void refresh();
        }}
      />
      <Modal opened={pendingMove !== null} onClose={() => setPendingMove(null)} title={t('calendar.scope.title')} data-testid="calendar-scope">
        <Stack>
          {(['this', 'following', 'series'] as const).map((scope) => (
            <Button
              key={scope}
              variant={scope === 'this' ? 'filled' : 'default'}
              data-testid={`calendar-scope-${scope}`}
              onClick={() => {
                const move = pendingMove!;
                setPendingMove(null);
                void commitMove(move.item, move.start, move.end, scope);
              }}
            >
              {t(`calendar.scope.${scope}`)}
            </Button>
          ))}
        </Stack>
      </Modal>
    </Stack>
  );
}
