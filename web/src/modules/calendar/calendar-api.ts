import { api, qs } from '../../app/api.ts';

/** What GET /api/v1/calendar answers (see the route's OpenAPI description). */
export interface CalendarItem {
  key: string;
  kind: 'event' | 'task' | 'reservation';
  id: string | null;
  userId: string | null;
  resourceId: string | null;
  title: string | null;
  startsAt: string;
  endsAt: string;
  busy: boolean;
  private: boolean;
  version: number | null;
  rrule: string | null;
  occurrenceStart: string | null;
  seriesId: string | null;
  eventKind: string | null;
  status: string | null;
  location: string | null;
}

export interface CalendarData {
  from: string;
  to: string;
  timeZone: string;
  country: string;
  users: { id: string; name: string }[];
  resources: { id: string; name: string; color: string | null }[];
  items: CalendarItem[];
  holidays: { date: string; key: string; name: string }[];
  truncated: boolean;
}

export interface CalendarSettings {
  workDays: number[];
  workStart: string;
  workEnd: string;
  timeZone: string;
  country: string;
  workspace: { workDays: number[]; workStart: string; workEnd: string };
  feed: { active: boolean; createdAt: string | null };
}

export type OccurrenceScope = 'this' | 'following' | 'series';

export const fetchCalendar = (from: Date, to: Date, users: string[], resources: string[]) =>
  api<CalendarData>(
    `/api/v1/calendar${qs({ from: from.toISOString(), to: to.toISOString(), users: users.join(',') || undefined, resources: resources.join(',') || undefined })}`,
  );

export const fetchCalendarSettings = () => api<CalendarSettings>('/api/v1/calendar/settings');

/** Moves or resizes an item on the server (the version guards against someone else's change). */
export async function moveItem(item: CalendarItem, start: Date, end: Date, scope?: OccurrenceScope): Promise<void> {
  if (!item.id || item.version === null) return;
  if (item.kind === 'event' && item.rrule && item.occurrenceStart) {
    await api(`/api/v1/events/${item.id}/occurrences`, {
      method: 'POST',
      body: { occurrenceStart: item.occurrenceStart, scope: scope ?? 'this', version: item.version, changes: { startsAt: start.toISOString(), endsAt: end.toISOString() } },
    });
    return;
  }
  const path = item.kind === 'event' ? 'events' : item.kind === 'task' ? 'tasks' : 'reservations';
  const body = item.kind === 'task' ? { dueAt: end.toISOString() } : { startsAt: start.toISOString(), endsAt: end.toISOString() };
  await api(`/api/v1/${path}/${item.id}`, { method: 'PATCH', body, headers: { 'if-match': `"${item.version}"` } });
}

/** The items with one of them moved, for showing a move before the server confirms it. */
export const withMoved = (data: CalendarData, key: string, start: Date, end: Date): CalendarData => ({
  ...data,
  items: data.items.map((i) => (i.key === key ? { ...i, startsAt: start.toISOString(), endsAt: end.toISOString() } : i)),
});
