import { Button, Chip, Code, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showError, showSuccess } from '../../app/errors.ts';
import { formatDateTime, localeTag } from '../../app/format.ts';
import { type CalendarSettings, fetchCalendarSettings } from './calendar-api.ts';
import { firstDayOfWeek, weekdayOrder } from './calendar-grid.ts';

/** Profile: working hours shaded in the calendar, and the secret iCalendar feed for phones and mail apps (B3). */
export function CalendarProfileSettings() {
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

  const tag = localeTag(i18n.language);
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short' });
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
          <Chip.Group multiple value={days} onChange={setDays}>
            <Group gap={4} data-testid="working-days">
              {weekdayOrder(firstDayOfWeek(tag)).map((d) => (
                <Chip key={d} value={String(d)} size="xs">
                  {weekday.format(new Date(2024, 0, d))}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Group grow>
            <TextInput type="time" label={t('calendar.workingHours.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} data-testid="working-start" />
            <TextInput type="time" label={t('calendar.workingHours.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} data-testid="working-end" />
          </Group>
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
    </>
  );
}
