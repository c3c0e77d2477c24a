import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { validation } from '../../platform/errors.ts';
import { accessWhere, requireEntityPermission } from '../../platform/records/access.ts';
import { partnerEntity } from '../partners/partner.entity.ts';
import { taskEntity } from './task.entity.ts';

export const ANALYSIS_UNITS = ['day', 'week'] as const;
export const ANALYSIS_BY = ['user', 'partner'] as const;
/** The longest period per unit: a year of days, three years of weeks. */
export const MAX_PERIOD_DAYS = { day: 366, week: 1096 } as const;
/** Cells (period × user or partner) one answer may hold; more asks for a narrower period or filter. */
export const MAX_CELLS = 20_000;

export interface TaskAnalysisFilter {
  from: string;
  to: string;
  /** IANA zone whose days and weeks (Monday first) the counts follow. */
  timeZone: string;
  userIds?: string[] | undefined;
  orgUnitId?: string | undefined;
  partnerId?: string | undefined;
  types?: string[] | undefined;
}

export interface TaskAnalysisInput extends TaskAnalysisFilter {
  unit: (typeof ANALYSIS_UNITS)[number];
  by: (typeof ANALYSIS_BY)[number];
}

interface Counts {
  due: number;
  open: number;
  overdue: number;
  done: number;
  doneLate: number;
}

const dayMs = 86_400_000;

/** A bounded period with a zone PostgreSQL and the browser both know; clear field errors otherwise. */
function checkPeriod(input: TaskAnalysisFilter, unit: TaskAnalysisInput['unit'] | null): void {
  if (input.to < input.from) throw validation([{ path: 'to', message: 'validation.endBeforeStart' }], 'The period ends before it starts');
  const days = (Date.parse(input.to) - Date.parse(input.from)) / dayMs + 1;
  const max = MAX_PERIOD_DAYS[unit ?? 'week'];
  if (days > max) throw validation([{ path: 'to', message: 'validation.periodTooLong' }], `A period of at most ${max} days when counting by ${unit ?? 'week'}`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: input.timeZone });
  } catch {
    throw validation([{ path: 'timeZone', message: 'validation.unknownTimeZone' }], `Unknown time zone ${input.timeZone}`);
  }
}

/** The tasks the actor may read (scope of the activities area), narrowed by the report's filters. */
function taskScope(actor: Actor, f: TaskAnalysisFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`t.workspace_id = ${actor.workspaceId}`, sql<SqlBool>`t.deleted_at is null`, accessWhere(actor, taskEntity, 'read', 't')];
  if (f.userIds?.length) parts.push(sql<SqlBool>`t.assignee_id = any(${f.userIds}::uuid[])`);
  if (f.orgUnitId) {
    // people of the unit and of the units below it
    parts.push(sql<SqlBool>`t.assignee_id in (select u.id from users u join org_unit ou on ou.id = u.org_unit_id
      where u.workspace_id = ${actor.workspaceId} and ou.workspace_id = ${actor.workspaceId}
        and ou.path like (select top.path from org_unit top where top.id = ${f.orgUnitId}::uuid and top.workspace_id = ${actor.workspaceId}) || '%')`);
  }
  if (f.partnerId) parts.push(sql<SqlBool>`t.partner_id = ${f.partnerId}::uuid`);
  if (f.types?.length) parts.push(sql<SqlBool>`t.type = any(${f.types}::text[])`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Local midnight of a day in the zone, as a timestamptz (bounds that the indexes on due_at/completed_at serve). */
const startOf = (day: string, timeZone: string) => sql`(${day}::date::timestamp at time zone ${timeZone})`;
const endOf = (day: string, timeZone: string) => sql`((${day}::date + 1)::timestamp at time zone ${timeZone})`;

/** Every period start (day or Monday) of the range, so a chart shows empty days too. */
export function periodsOf(from: string, to: string, unit: TaskAnalysisInput['unit']): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  if (unit === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const step = unit === 'week' ? 7 : 1;
  const out: string[] = [];
  for (let d = start; d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + step * dayMs)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/**
 * Task analysis (A6): per day or week of the period and per assignee or partner, the tasks due then
 * (of them still open, and overdue now) and the tasks completed then (of them, after their deadline).
 * Two grouped queries over the deadline and completion indexes, scoped like the task list.
 */
export async function analyseTasks(db: Kysely<DB>, actor: Actor, input: TaskAnalysisInput) {
  requireEntityPermission(actor, taskEntity, 'read');
  checkPeriod(input, input.unit);
  const scope = taskScope(actor, input);
  const tz = input.timeZone;
  const key = input.by === 'user' ? sql`t.assignee_id` : sql`t.partner_id`;
  const { rows } = await sql<{ period: string; key: string | null } & Counts>`
    with due as (
      select to_char(date_trunc(${input.unit}, t.due_at at time zone ${tz}), 'YYYY-MM-DD') as period, ${key} as key,
        count(*)::int as due,
        (count(*) filter (where t.completed_at is null and t.due_at >= now()))::int as open,
        (count(*) filter (where t.completed_at is null and t.due_at < now()))::int as overdue,
        0 as done, 0 as "doneLate"
      from task t
      where ${scope} and t.due_at >= ${startOf(input.from, tz)} and t.due_at < ${endOf(input.to, tz)}
      group by 1, 2
    ), completed as (
      select to_char(date_trunc(${input.unit}, t.completed_at at time zone ${tz}), 'YYYY-MM-DD') as period, ${key} as key,
        0 as due, 0 as open, 0 as overdue, count(*)::int as done,
        (count(*) filter (where t.completed_at > t.due_at))::int as "doneLate"
      from task t
      where ${scope} and t.completed_at >= ${startOf(input.from, tz)} and t.completed_at < ${endOf(input.to, tz)}
      group by 1, 2
    )
    select period, key::text as key, sum(due)::int as due, sum(open)::int as open, sum(overdue)::int as overdue,
      sum(done)::int as done, sum("doneLate")::int as "doneLate"
    from (select * from due union all select * from completed) c
    group by 1, 2 order by 1, 2
    limit ${MAX_CELLS + 1}`.execute(db);
  if (rows.length > MAX_CELLS) {
    throw validation([{ path: 'to', message: 'validation.tooManyCells' }], `More than ${MAX_CELLS} rows: choose a shorter period, weeks, or fewer people or partners`);
  }
  const labels = await labelsOf(db, actor, input.by, [...new Set(rows.flatMap((r) => (r.key ? [r.key] : [])))]);
  const zero = (): Counts => ({ due: 0, open: 0, overdue: 0, done: 0, doneLate: 0 });
  const add = (into: Counts, c: Counts) => {
    into.due += c.due;
    into.open += c.open;
    into.overdue += c.overdue;
    into.done += c.done;
    into.doneLate += c.doneLate;
  };
  const byKey = new Map<string, Counts & { key: string | null; label: string | null }>();
  const byPeriod = new Map(periodsOf(input.from, input.to, input.unit).map((p) => [p, { period: p, ...zero() }]));
  for (const r of rows) {
    const k = r.key ?? '';
    const row = byKey.get(k) ?? { key: r.key, label: r.key ? (labels.get(r.key) ?? null) : null, ...zero() };
    add(row, r);
    byKey.set(k, row);
    const p = byPeriod.get(r.period) ?? { period: r.period, ...zero() };
    add(p, r);
    byPeriod.set(r.period, p);
  }
  return {
    from: input.from,
    to: input.to,
    unit: input.unit,
    by: input.by,
    timeZone: tz,
    totals: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)),
    rows: [...byKey.values()].sort((a, b) => b.due + b.done - (a.due + a.done) || (a.label ?? '').localeCompare(b.label ?? '')),
    cells: rows.map((r) => ({ ...r, label: r.key ? (labels.get(r.key) ?? null) : null })),
  };
}

/** Names of people (colleagues are readable by every member) or of partners the actor may read; others stay unnamed. */
async function labelsOf(db: Kysely<DB>, actor: Actor, by: TaskAnalysisInput['by'], ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  if (by === 'user') {
    const users = await db.selectFrom('users').select(['id', 'name']).where('workspaceId', '=', actor.workspaceId).where('id', 'in', ids).execute();
    return new Map(users.map((u) => [u.id, u.name]));
  }
  const { rows } = await sql<{ id: string; name: string | null }>`select p.id, case when ${accessWhere(actor, partnerEntity, 'read', 'p')} then p.name end as name
    from partner p where p.workspace_id = ${actor.workspaceId} and p.id = any(${ids}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Workload per person (A6): unfinished tasks now — open, in progress, overdue, due this week (in the
 * zone, Monday to Sunday) — and the tasks each completed in the period. Tasks carry no estimate, so
 * the load is counted in tasks.
 */
export async function taskWorkload(db: Kysely<DB>, actor: Actor, input: TaskAnalysisFilter) {
  requireEntityPermission(actor, taskEntity, 'read');
  checkPeriod(input, null);
  const scope = taskScope(actor, input);
  const tz = input.timeZone;
  const weekStart = sql`(date_trunc('week', now() at time zone ${tz}) at time zone ${tz})`;
  const { rows } = await sql<{ userId: string | null; name: string | null; unfinished: number; inProgress: number; overdue: number; dueThisWeek: number; noDeadline: number; done: number; doneLate: number }>`
    select k.user_id::text as "userId", u.name, sum(unfinished)::int as unfinished, sum(in_progress)::int as "inProgress",
      sum(overdue)::int as overdue, sum(due_this_week)::int as "dueThisWeek", sum(no_deadline)::int as "noDeadline",
      sum(done)::int as done, sum(done_late)::int as "doneLate"
    from (
      select t.assignee_id as user_id, count(*) as unfinished,
        count(*) filter (where t.starts_at <= now() and (t.due_at is null or t.due_at >= now())) as in_progress,
        count(*) filter (where t.due_at < now()) as overdue,
        count(*) filter (where t.due_at >= ${weekStart} and t.due_at < ${weekStart} + interval '7 days') as due_this_week,
        count(*) filter (where t.due_at is null) as no_deadline,
        0 as done, 0 as done_late
      from task t where ${scope} and t.completed_at is null
      group by 1
      union all
      select t.assignee_id, 0, 0, 0, 0, 0, count(*), count(*) filter (where t.completed_at > t.due_at)
      from task t where ${scope} and t.completed_at >= ${startOf(input.from, tz)} and t.completed_at < ${endOf(input.to, tz)}
      group by 1
    ) k left join users u on u.id = k.user_id and u.workspace_id = ${actor.workspaceId}
    group by 1, 2
    order by sum(overdue) desc, sum(unfinished) desc, u.name`.execute(db);
  return { from: input.from, to: input.to, timeZone: tz, rows };
}
