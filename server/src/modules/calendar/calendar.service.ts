import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { HOLIDAY_COUNTRIES, type HolidayCountry, publicHolidays } from '../../platform/calendar/holidays.ts';
import { expandRecurrence, MAX_INSTANCES, parseRRule, RecurrenceError } from '../../platform/calendar/rrule.ts';
import { isTimeZone } from '../../platform/calendar/zoned-time.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { DEFAULT_TIME_ZONE } from '../../platform/records/relative-dates.ts';
import {
  findCalendarEvents,
  findCalendarOwners,
  findCalendarReservations,
  findCalendarSetting,
  findCalendarTasks,
  findWorkspaceCalendar,
  ROW_LIMIT,
} from './calendar.repository.ts';

/** The longest range one calendar request may read (a year view with some margin). */
export const MAX_RANGE_DAYS = 400;

export type CalendarItemKind = 'event' | 'task' | 'reservation';

/** One thing drawn in the calendar; `busy` items are someone's time the actor may not read (no details). */
export interface CalendarItem {
  /** unique in the answer: the record id, plus the occurrence start for recurring events */
  key: string;
  kind: CalendarItemKind;
  id: string | null;
  userId: string | null;
  resourceId: string | null;
  title: string | null;
  startsAt: string;
  endsAt: string;
  busy: boolean;
  private: boolean;
  version: number | null;
  /** recurring events: the rule and the start of this occurrence in the series */
  rrule: string | null;
  occurrenceStart: string | null;
  seriesId: string | null;
  eventKind: string | null;
  status: string | null;
  location: string | null;
}

export interface CalendarQuery {
  from: string;
  to: string;
  users?: string[];
  resources?: string[];
}

export interface WorkingHours {
  workDays: number[];
  workStart: string;
  workEnd: string;
}

const LOCALE_COUNTRY: Record<string, HolidayCountry> = { ro: 'RO', pl: 'PL', hu: 'HU', uk: 'UA' };
export const DEFAULT_WORKING_HOURS: WorkingHours = { workDays: [1, 2, 3, 4, 5], workStart: '08:00', workEnd: '17:00' };

interface WorkspaceCalendar {
  country: HolidayCountry;
  timeZone: string;
  workingHours: WorkingHours;
}

function validWorkingHours(value: unknown): WorkingHours | null {
  const v = value as Partial<WorkingHours> | null | undefined;
  if (!v || !Array.isArray(v.workDays) || typeof v.workStart !== 'string' || typeof v.workEnd !== 'string') return null;
  return { workDays: v.workDays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7), workStart: v.workStart, workEnd: v.workEnd };
}

/**
 * The workspace's calendar defaults from workspace.settings: `country` (holidays; else from the
 * workspace language, else Romania), `timeZone`, `workingHours` (else 08:00–17:00 Monday–Friday).
 */
export async function workspaceCalendar(db: Kysely<DB>, workspaceId: string): Promise<WorkspaceCalendar> {
  const row = await findWorkspaceCalendar(db, workspaceId);
  const settings = (row.settings ?? {}) as Record<string, unknown>;
  const country = (HOLIDAY_COUNTRIES as readonly string[]).includes(String(settings.country))
    ? (settings.country as HolidayCountry)
    : (LOCALE_COUNTRY[row.locale] ?? 'RO');
  const timeZone = typeof settings.timeZone === 'string' && isTimeZone(settings.timeZone) ? settings.timeZone : DEFAULT_TIME_ZONE;
  return { country, timeZone, workingHours: validWorkingHours(settings.workingHours) ?? DEFAULT_WORKING_HOURS };
}

/** A person's working hours: their own setting, else the workspace's. */
export async function workingHoursOf(db: Kysely<DB>, userId: string, fallback: WorkingHours): Promise<WorkingHours> {
  const row = await findCalendarSetting(db, userId);
  return row ? (validWorkingHours({ workDays: row.workDays, workStart: row.workStart, workEnd: row.workEnd }) ?? fallback) : fallback;
}

/** Checks a range: both ends valid, `to` after `from`, at most MAX_RANGE_DAYS apart. */
export function checkRange(from: string, to: string): { from: Date; to: Date } {
  const start = new Date(from);
  const end = new Date(to);
  if (Number.isNaN(start.getTime())) throw validation([{ path: 'from', message: 'Not a date-time' }]);
  if (Number.isNaN(end.getTime())) throw validation([{ path: 'to', message: 'Not a date-time' }]);
  if (!(end > start)) throw validation([{ path: 'to', message: '"to" must be after "from"' }], 'The range ends before it starts');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw validation([{ path: 'to', message: `At most ${MAX_RANGE_DAYS} days after "from"` }], `The range is too long: ask for at most ${MAX_RANGE_DAYS} days at a time`);
  }
  return { from: start, to: end };
}

const exdatesOf = (value: unknown): Date[] => (Array.isArray(value) ? value.map((d) => new Date(String(d))).filter((d) => !Number.isNaN(d.getTime())) : []);

/**
 * Everything in the chosen people's and resources' calendars between two times, for the actor: events
 * (recurring ones expanded), tasks by deadline, reservations, and the workspace country's public holidays.
 */
export async function readCalendar(db: Kysely<DB>, actor: Actor, query: CalendarQuery) {
  const { from, to } = checkRange(query.from, query.to);
  const userIds = [...new Set(query.users?.length ? query.users : [actor.userId])];
  const resourceIds = [...new Set(query.resources ?? [])];
  const range = { from: from.toISOString(), to: to.toISOString() };
  // one statement per kind; the owners lookup also drops ids from other workspaces
  const owners = await findCalendarOwners(db, actor.workspaceId, userIds, resourceIds);
  const users = owners.users.map((u) => u.id);
  const resources = owners.resources.map((r) => r.id);
  const [events, tasks, reservations, workspace] = await Promise.all([
    findCalendarEvents(db, actor, users, range),
    findCalendarTasks(db, actor, users, range),
    findCalendarReservations(db, actor, resources, users, range),
    workspaceCalendar(db, actor.workspaceId),
  ]);
  const items: CalendarItem[] = [];
  let instances = 0;
  for (const e of events) {
    const durationMs = e.endsAt ? e.endsAt.getTime() - e.startsAt.getTime() : 0;
    const details = e.readable;
    const base = {
      kind: 'event' as const,
      id: details ? e.id : null,
      userId: e.ownerId,
      resourceId: null,
      title: details ? e.subject : null,
      busy: !details,
      private: e.private,
      version: details ? e.version : null,
      rrule: details ? e.rrule : null,
      seriesId: details ? e.seriesId : null,
      eventKind: details ? e.kind : null,
      status: null,
      location: details ? e.location : null,
    };
    if (!e.rrule) {
      items.push({ ...base, key: details ? `e:${e.id}` : `b:${items.length}`, startsAt: e.startsAt.toISOString(), endsAt: (e.endsAt ?? e.startsAt).toISOString(), occurrenceStart: null });
      continue;
    }
    let starts: Date[];
    try {
      starts = expandRecurrence({
        rule: parseRRule(e.rrule),
        start: e.startsAt,
        durationMs,
        timeZone: e.timeZone ?? workspace.timeZone,
        exdates: exdatesOf(e.exdates),
        from,
        to,
        max: MAX_INSTANCES - instances,
      });
    } catch (error) {
      if (error instanceof RecurrenceError && error.code === 'tooMany') {
        throw new AppError('RULE', `The range holds more than ${MAX_INSTANCES} occurrences of recurring events; ask for a shorter range`);
      }
      throw error;
    }
    instances += starts.length;
    for (const start of starts) {
      const occurrence = start.toISOString();
      items.push({ ...base, key: details ? `e:${e.id}:${occurrence}` : `b:${items.length}`, startsAt: occurrence, endsAt: new Date(start.getTime() + durationMs).toISOString(), occurrenceStart: occurrence });
    }
  }
  for (const t of tasks) {
    const due = t.dueAt.toISOString();
    items.push({
      key: `t:${t.id}`,
      kind: 'task',
      id: t.id,
      userId: t.assigneeId,
      resourceId: null,
      title: t.title,
      startsAt: due,
      endsAt: due,
      busy: false,
      private: false,
      version: t.version,
      rrule: null,
      occurrenceStart: null,
      seriesId: null,
      eventKind: null,
      status: t.status,
      location: null,
    });
  }
  for (const r of reservations) {
    items.push({
      key: r.readable ? `r:${r.id}` : `b:${items.length}`,
      kind: 'reservation',
      id: r.readable ? r.id : null,
      userId: r.ownerId,
      resourceId: r.resourceId,
      title: r.readable ? r.title : null,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      busy: !r.readable,
      private: false,
      version: r.readable ? r.version : null,
      rrule: null,
      occurrenceStart: null,
      seriesId: null,
      eventKind: null,
      status: null,
      location: null,
    });
  }
  items.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.key < b.key ? -1 : 1));
  // holidays are dates: every date the range touches (the range's ends are instants, maybe not midnight UTC)
  const firstDate = range.from.slice(0, 10);
  const lastDate = new Date(to.getTime() - 1).toISOString().slice(0, 10);
  const holidays = [];
  for (let year = from.getUTCFullYear(); year <= to.getUTCFullYear(); year += 1) {
    for (const h of publicHolidays(workspace.country, year)) {
      if (h.date >= firstDate && h.date <= lastDate) holidays.push(h);
    }
  }
  const truncated = events.length >= ROW_LIMIT || tasks.length >= ROW_LIMIT || reservations.length >= ROW_LIMIT;
  return {
    from: range.from,
    to: range.to,
    timeZone: workspace.timeZone,
    country: workspace.country,
    users: owners.users,
    resources: owners.resources,
    items,
    holidays,
    truncated,
  };
}
