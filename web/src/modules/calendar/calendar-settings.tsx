import { Button, Chip, Code, CopyButton, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { formatDateTime, localeTag } from '../../app/format.ts';
import { useMe } from '../../app/session.ts';
import { type CalendarSettings, fetchCalendarSettings } from './calendar-api.ts';
import { firstDayOfWeek, weekdayOrder } from './calendar-grid.ts';

const COUNTRIES = ['RO', 'PL', 'HU', 'UA'] as const;

/** Working days and hours: weekday chips and two times. */
function HoursFields({ days, setDays, start, setStart, end, setEnd, testId }: {
  days: string[];
  setDays: (v: string[]) => void;
  start: string;
  setStart: (v: string) => void;
  end: string;
  setEnd: (v: string) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const tag = localeTag(i18n.language);
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short' });
  return (
    <>
      <Chip.Group multiple value={days} onChange={setDays}>
        <Group gap={4} data-testid={`${testId}-days`}>
          {weekdayOrder(firstDayOfWeek(tag)).map((d) => (
            <Chip key={d} value={String(d)} size="xs">
              {weekday.format(new Date(2024, 0, d))}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group grow>
        <TextInput type="time" label={t('calendar.workingHours.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data-testid={`${testId}-start`} />
        <TextInput type="time" label={t('calendar.workingHours.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} data-testid={`${testId}-end`} />
      </Group>
    </>
  );
}

/** Administrators: the workspace's holiday country, time zone (repeating events) and default working hours. */
function WorkspaceCalendarSettings({ settings }: { settings: CalendarSettings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [country, setCountry] = useState<string | null>(settings.country);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [days, setDays] = useState(settings.workspace.workDays.map(String));
  const [start, setStart] = useState(settings.workspace.workStart);
  const [end, setEnd] = useState(settings.workspace.workEnd);
  const regions = new Intl.DisplayNames([localeTag(i18n.language)], { type: 'region' });
  const save = async () => {
    try {
      const next = await api<CalendarSettings>('/api/v1/calendar/workspace-settings', {
        method: 'PUT',
        body: { country, timeZone: timeZone.trim(), workingHours: { workDays: days.map(Number), workStart: start, workEnd: end } },
      });
      queryClient.setQueryData(['calendar-settings'], next);
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      showSuccess(t('record.saved'));
    } catch (e) {
      showError(e, t);
    }
  };
  return (
    <Paper withBorder p="md" data-testid="calendar-workspace-settings">
      <Stack>
        <Title order={3} size="h5">
          {t('calendar.workspace.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendar.workspace.hint')}
        </Text>
        <Group grow>
          <Select
            label={t('calendar.workspace.country')}
            data={COUNTRIES.map((c) => ({ value: c, label: regions.of(c) ?? c }))}
            value={country}
            onChange={setCountry}
            allowDeselect={false}
          />
          <TextInput label={t('calendar.workspace.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} placeholder="Europe/Bucharest" />
        </Group>
        <HoursFields days={days} setDays={setDays} start={start} setStart={setStart} end={end} setEnd={setEnd} testId="workspace-hours" />
        <Group justify="flex-end">
          <Button onClick={() => void save()}>{t('app.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Profile: working hours shaded in the calendar, and the secret iCalendar feed for phones and mail apps (B3). */
export function CalendarProfileSettings() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['calendar-settings'], queryFn: fetchCalendarSettings });
  const [days, setDays] = useState<string[]>([]);
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('17:00');
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!settings.data) return;
    setDays(settings.data.workDays.map(String));
    setStart(settings.data.workStart);
    setEnd(settings.data.workEnd);
  }, [settings.data]);

  const saveHours = async () => {
    try {
      const next = await api<CalendarSettings>('/api/v1/calendar/settings', { method: 'PUT', body: { workDays: days.map(Number), workStart: start, workEnd: end } });
      queryClient.setQueryData(['calendar-settings'], next);
      showSuccess(t('record.saved'));
    } catch (e) {
      showError(e, t);
    }
  };
  const rotate = async () => {
    setBusy(true);
    try {
      const made = await api<{ url: string }>('/api/v1/calendar/feed-token', { method: 'POST' });
      setUrl(made.url);
      await queryClient.invalidateQueries({ queryKey: ['calendar-settings'] });
    } catch (e) {
      showError(e, t);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    setBusy(true);
    try {
      await api('/api/v1/calendar/feed-token', { method: 'DELETE' });
      setUrl(null);
      await queryClient.invalidateQueries({ queryKey: ['calendar-settings'] });
    } catch (e) {
      showError(e, t);
    } finally {
      setBusy(false);
    }
  };
  const feed = settings.data?.feed;

  return (
    <>
      <Paper withBorder p="md">
        <Stack>
          <Title order={3} size="h5">
            {t('calendar.workingHours.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendar.workingHours.hint')}
          </Text>
          <HoursFields days={days} setDays={setDays} start={start} setStart={setStart} end={end} setEnd={setEnd} testId="working-hours" />
          <Group justify="flex-end">
            <Button onClick={() => void saveHours()} data-testid="working-hours-save">
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" data-testid="calendar-feed">
        <Stack>
          <Title order={3} size="h5">
            {t('calendar.feed.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendar.feed.hint')}
          </Text>
          {url ? (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('calendar.feed.urlOnce')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="calendar-feed-url">
                  {url}
                </Code>
                <CopyButton value={url}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy}>
                      {copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          ) : (
            <Text size="sm" data-testid="calendar-feed-status">
              {feed?.active ? t('calendar.feed.active', { date: formatDateTime(feed.createdAt, i18n.language) }) : t('calendar.feed.inactive')}
            </Text>
          )}
          <Group justify="flex-end">
            {feed?.active && (
              <Button variant="subtle" color="red" onClick={() => void revoke()} loading={busy} data-testid="calendar-feed-revoke">
                {t('calendar.feed.revoke')}
              </Button>
            )}
            <Button variant="light" onClick={() => void rotate()} loading={busy} data-testid="calendar-feed-rotate">
              {feed?.active ? t('calendar.feed.rotate') : t('calendar.feed.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {me.data?.user.isAdmin && settings.data && <WorkspaceCalendarSettings settings={settings.data} />}
    </>
  );
}
