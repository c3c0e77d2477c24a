import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/guard.ts';
import { HOLIDAY_COUNTRIES } from '../../platform/calendar/holidays.ts';
import { accessWhere } from '../../platform/records/access.ts';
import { getEntity } from '../../platform/records/descriptor.ts';
import { DEFAULT_TIME_ZONE } from '../../platform/records/relative-dates.ts';
import { type NameDayCountry, namesOn } from './name-days.ts';

const LIMIT = 200;
const LOCALE_COUNTRY: Record<string, NameDayCountry> = { ro: 'RO', pl: 'PL', hu: 'HU', uk: 'UA' };

export interface MyReminders {
  from: string;
  to: string;
  tasks: { id: string; title: string; dueAt: Date; status: string; partnerId: string | null; partnerName: string | null; when: 'overdue' | 'today' | 'soon' }[];
  callbacks: { id: string; callAt: Date; note: string | null; partnerId: string | null; partnerName: string | null; contactId: string | null; contactName: string | null }[];
  birthdays: { kind: 'contact' | 'user'; id: string; name: string; on: string }[];
  nameDays: { kind: 'contact' | 'user'; id: string; name: string; on: string }[];
  contracts: { id: string; number: string; title: string; endsOn: string; noticeDays: number; partnerId: string; partnerName: string | null }[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Today in a time zone as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return isoDay(now);
  }
}

/** The days of the window as YYYY-MM-DD, and their month-days (MMDD numbers; 29 Feb on 28 Feb of other years). */
export function windowDays(from: string, days: number): { dates: string[]; monthDays: Map<number, string> } {
  const dates = Array.from({ length: days + 1 }, (_, i) => plusDays(from, i));
  const monthDays = new Map<number, string>();
  for (const d of dates) {
    monthDays.set(Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10)), d);
    if (d.slice(5) === '02-28' && !isLeap(Number(d.slice(0, 4)))) monthDays.set(229, d);
  }
  return { dates, monthDays };
}

/**
 * The personal summary of reminders (A3): my unfinished tasks overdue, due today or in the next days;
 * my planned callbacks; birthdays and name days of the contacts I may read and of colleagues (day
 * only, never the year); contracts I own in (or entering within the window) their notice period.
 */
export async function myReminders(db: Kysely<DB>, actor: Actor, days: number): Promise<MyReminders> {
  const ws = await db.selectFrom('workspace').select(['settings', 'locale']).where('id', '=', actor.workspaceId).executeTakeFirstOrThrow();
  const settings = (ws.settings ?? {}) as { timeZone?: unknown; country?: unknown };
  const timeZone = typeof settings.timeZone === 'string' && settings.timeZone ? settings.timeZone : DEFAULT_TIME_ZONE;
  const country: NameDayCountry = (HOLIDAY_COUNTRIES as readonly string[]).includes(String(settings.country))
    ? (settings.country as NameDayCountry)
    : (LOCALE_COUNTRY[ws.locale] ?? 'RO');
  const from = todayIn(timeZone);
  const to = plusDays(from, days);
  const { dates, monthDays } = windowDays(from, days);
  // the end of the last day of the window, in the workspace's zone
  const until = sql<Date>`(${plusDays(to, 1)}::date)::timestamp at time zone ${timeZone}`;
  const tomorrow = sql<Date>`(${plusDays(from, 1)}::date)::timestamp at time zone ${timeZone}`;
  const result: MyReminders = { from, to, tasks: [], callbacks: [], birthdays: [], nameDays: [], contracts: [] };

  if (can(actor, 'activities', 'read') !== 'none') {
    const { rows: tasks } = await sql<MyReminders['tasks'][number]>`
      select t.id, t.title, t.due_at as "dueAt", t.status, t.partner_id as "partnerId", p.name as "partnerName",
        case when t.due_at < now() then 'overdue' when t.due_at < ${tomorrow} then 'today' else 'soon' end as when
      from task t left join partner p on p.id = t.partner_id
      where t.workspace_id = ${actor.workspaceId}::uuid and t.assignee_id = ${actor.userId}::uuid
        and t.status in ('open', 'in_progress', 'overdue') and t.due_at < ${until} and t.deleted_at is null and t.completed_at is null
      order by t.due_at limit ${LIMIT}`.execute(db);
    result.tasks = tasks;
    const { rows: callbacks } = await sql<MyReminders['callbacks'][number]>`
      select b.id, b.call_at as "callAt", b.note, b.partner_id as "partnerId", p.name as "partnerName", b.contact_id as "contactId", c.full_name as "contactName"
      from callback b left join partner p on p.id = b.partner_id left join contact c on c.id = b.contact_id
      where b.workspace_id = ${actor.workspaceId}::uuid and b.user_id = ${actor.userId}::uuid
        and b.done_at is null and b.deleted_at is null and b.call_at < ${until}
      order by b.call_at limit ${LIMIT}`.execute(db);
    result.callbacks = callbacks;
  }

  const contact = getEntity('contact');
  const mds = [...monthDays.keys()];
  const dayOf = (md: number) => monthDays.get(md) ?? from;
  if (contact && can(actor, contact.area, 'read') !== 'none') {
    const born = await db.selectFrom('contact as c').select(['c.id', 'c.fullName', sql<number>`(extract(month from c.birthday) * 100 + extract(day from c.birthday))::int`.as('md')])
      .where('c.workspaceId', '=', actor.workspaceId).where('c.deletedAt', 'is', null).where('c.birthday', 'is not', null)
      .where(sql`(extract(month from c.birthday) * 100 + extract(day from c.birthday))::int`, 'in', mds)
      .where(accessWhere(actor, contact, 'read', 'c')).limit(LIMIT).execute();
    result.birthdays.push(...born.map((c) => ({ kind: 'contact' as const, id: c.id, name: c.fullName ?? '', on: dayOf(Number(c.md)) })));

    // name days: a contact's own day (MM-DD), else its first name in the calendar of its country (or the workspace's)
    const ownDays = dates.map((d) => d.slice(5));
    const own = await db.selectFrom('contact as c').select(['c.id', 'c.fullName', 'c.nameDay'])
      .where('c.workspaceId', '=', actor.workspaceId).where('c.deletedAt', 'is', null).where('c.nameDay', 'in', ownDays)
      .where(accessWhere(actor, contact, 'read', 'c')).limit(LIMIT).execute();
    const celebrated = new Map<string, { country: NameDayCountry; on: string }[]>();
    const names: string[] = [];
    for (const d of dates) {
      for (const c of ['RO', 'PL', 'HU', 'UA'] as const) {
        for (const name of namesOn(c, d.slice(5))) names.push(name);
      }
    }
    const normalized = names.length
      ? (await sql<{ name: string; norm: string }>`select n as name, kontakt_normalize(n) as norm from unnest(${names}::text[]) as n`.execute(db)).rows
      : [];
    for (const d of dates) {
      for (const c of ['RO', 'PL', 'HU', 'UA'] as const) {
        for (const name of namesOn(c, d.slice(5))) {
          const norm = normalized.find((n) => n.name === name)?.norm;
          if (!norm) continue;
          celebrated.set(norm, [...(celebrated.get(norm) ?? []), { country: c, on: d }]);
        }
      }
    }
    const norms = [...celebrated.keys()];
    const byName = norms.length
      ? await db.selectFrom('contact as c').select(['c.id', 'c.fullName', 'c.country', sql<string>`kontakt_normalize(c.first_name)`.as('norm')])
        .where('c.workspaceId', '=', actor.workspaceId).where('c.deletedAt', 'is', null).where('c.nameDay', 'is', null)
        .where(sql`kontakt_normalize(c.first_name)`, 'in', norms)
        .where(accessWhere(actor, contact, 'read', 'c')).limit(LIMIT * 4).execute()
      : [];
    for (const c of own) result.nameDays.push({ kind: 'contact', id: c.id, name: c.fullName ?? '', on: dates.find((d) => d.slice(5) === c.nameDay) ?? from });
    for (const c of byName) {
      const home = (HOLIDAY_COUNTRIES as readonly string[]).includes(String(c.country)) ? (c.country as NameDayCountry) : country;
      const day = celebrated.get(c.norm)?.find((x) => x.country === home);
      if (day) result.nameDays.push({ kind: 'contact', id: c.id, name: c.fullName ?? '', on: day.on });
    }
    // colleagues: their birthday (never the year) and the name day of their first name in the workspace's calendar
    const colleagues = await db.selectFrom('users as u').select(['u.id', 'u.name', sql<number | null>`(extract(month from u.birthday) * 100 + extract(day from u.birthday))::int`.as('md'),
      sql<string>`kontakt_normalize(split_part(u.name, ' ', 1))`.as('norm')])
      .where('u.workspaceId', '=', actor.workspaceId).where('u.deletedAt', 'is', null).where('u.active', '=', true).where('u.id', '!=', actor.userId)
      .where((eb) => eb.or([
        eb(sql`(extract(month from u.birthday) * 100 + extract(day from u.birthday))::int`, 'in', mds),
        ...(norms.length ? [eb(sql`kontakt_normalize(split_part(u.name, ' ', 1))`, 'in', norms)] : []),
      ]))
      .limit(LIMIT).execute();
    for (const u of colleagues) {
      if (u.md !== null && monthDays.has(Number(u.md))) result.birthdays.push({ kind: 'user', id: u.id, name: u.name, on: dayOf(Number(u.md)) });
      const day = celebrated.get(u.norm)?.find((x) => x.country === country);
      if (day) result.nameDays.push({ kind: 'user', id: u.id, name: u.name, on: day.on });
    }
    result.birthdays.sort((a, b) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name));
    result.nameDays.sort((a, b) => a.on.localeCompare(b.on) || a.name.localeCompare(b.name));
  }

  if (can(actor, 'sales', 'read') !== 'none') {
    const { rows: contracts } = await sql<MyReminders['contracts'][number]>`
      select c.id, c.number, c.title, c.ends_on::text as "endsOn", c.notice_days as "noticeDays", c.partner_id as "partnerId", p.name as "partnerName"
      from contract c left join partner p on p.id = c.partner_id
      where c.workspace_id = ${actor.workspaceId}::uuid and c.owner_id = ${actor.userId}::uuid and c.deleted_at is null and c.status = 'active'
        and c.ends_on is not null and c.ends_on >= ${from}::date and c.ends_on - c.notice_days <= ${to}::date
      order by c.ends_on limit ${LIMIT}`.execute(db);
    result.contracts = contracts;
  }
  return result;
}
