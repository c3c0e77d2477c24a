import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { accessWhere } from '../../platform/records/access.ts';
import { eventEntity } from '../activities/event.entity.ts';
import { taskEntity } from '../activities/task.entity.ts';
import { reservationEntity } from '../resources/resource.entity.ts';

/** Rows a calendar range needs, each fetched by one index-driven statement (never one per item). */

export interface EventRow {
  id: string;
  ownerId: string;
  subject: string;
  kind: string;
  startsAt: Date;
  endsAt: Date | null;
  private: boolean;
  version: number;
  rrule: string | null;
  exdates: unknown;
  timeZone: string | null;
  seriesId: string | null;
  location: string | null;
  partnerId: string | null;
  readable: boolean;
  /** only with `details` (the iCalendar feed) */
  description?: string | null;
  updatedAt?: Date;
}

export interface TaskRow {
  id: string;
  assigneeId: string;
  title: string;
  dueAt: Date;
  startsAt: Date | null;
  status: string;
  priority: string;
  version: number;
  partnerId: string | null;
  description?: string | null;
  updatedAt?: Date;
}

export interface ReservationRow {
  id: string;
  resourceId: string;
  ownerId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  version: number;
  readable: boolean;
}

export const ROW_LIMIT = 20_000;

interface Range {
  from: string;
  to: string;
}

/**
 * Events of the given owners that overlap the range. Two disjoint branches so each is an index range
 * scan: ordinary events (at most a day long) start between a day before the range and its end
 * (event_calendar_owner); recurring series and longer events come from the small partial index
 * event_calendar_spanning, whose predicate is repeated here word for word. `readable` says whether
 * the actor may see the details; the caller shows the others as busy time.
 */
export async function findCalendarEvents(
  db: Kysely<DB>,
  actor: Actor,
  ownerIds: string[],
  range: Range,
  options: { details?: boolean } = {},
): Promise<EventRow[]> {
  if (!ownerIds.length) return [];
  const readable = accessWhere(actor, eventEntity, 'read', 'e');
  const details = options.details ? sql`, e.description, e.updated_at as "updatedAt"` : sql``;
  const columns = sql`e.id, e.owner_id as "ownerId", e.subject, e.kind, e.starts_at as "startsAt", e.ends_at as "endsAt",
    e.is_private as "private", e.version, e.rrule, e.exdates, e.time_zone as "timeZone", e.series_id as "seriesId",
    e.location, e.partner_id as "partnerId", (${readable}) as readable${details}`;
  const { rows } = await sql<EventRow>`
    (select ${columns} from event e
      where e.workspace_id = ${actor.workspaceId} and e.owner_id = any(${ownerIds}::uuid[]) and e.deleted_at is null
        and e.starts_at >= ${range.from}::timestamptz - interval '1 day' and e.starts_at < ${range.to}::timestamptz
        and e.rrule is null and (e.ends_at is null or e.ends_at - e.starts_at <= interval '24 hours')
        and (coalesce(e.ends_at, e.starts_at) > ${range.from}::timestamptz or e.starts_at >= ${range.from}::timestamptz)
      limit ${ROW_LIMIT})
    union all
    (select ${columns} from event e
      where e.workspace_id = ${actor.workspaceId} and e.owner_id = any(${ownerIds}::uuid[]) and e.deleted_at is null
        and (rrule is not null or ends_at - starts_at > interval '24 hours')
        and e.starts_at < ${range.to}::timestamptz
        and coalesce(e.recurrence_ends_at, case when e.rrule is null then e.ends_at end, 'infinity'::timestamptz) > ${range.from}::timestamptz
      limit ${ROW_LIMIT})`.execute(db);
  return rows;
}

/** Tasks of the given assignees due in the range that the actor may read. */
export async function findCalendarTasks(
  db: Kysely<DB>,
  actor: Actor,
  assigneeIds: string[],
  range: Range,
  options: { details?: boolean } = {},
): Promise<TaskRow[]> {
  if (!assigneeIds.length) return [];
  const readable = accessWhere(actor, taskEntity, 'read', 't');
  const details = options.details ? sql`, t.description, t.updated_at as "updatedAt"` : sql``;
  const { rows } = await sql<TaskRow>`select t.id, t.assignee_id as "assigneeId", t.title, t.due_at as "dueAt", t.starts_at as "startsAt",
      t.status, t.priority, t.version, t.partner_id as "partnerId"${details}
    from task t
    where t.workspace_id = ${actor.workspaceId} and t.assignee_id = any(${assigneeIds}::uuid[]) and t.deleted_at is null
      and t.due_at is not null and t.due_at >= ${range.from}::timestamptz and t.due_at < ${range.to}::timestamptz
      and ${readable}
    order by t.due_at limit ${ROW_LIMIT}`.execute(db);
  return rows;
}

/** Reservations of the chosen resources, and those the given people made, overlapping the range. */
export async function findCalendarReservations(
  db: Kysely<DB>,
  actor: Actor,
  resourceIds: string[],
  ownerIds: string[],
  range: Range,
): Promise<ReservationRow[]> {
  if (!resourceIds.length && !ownerIds.length) return [];
  const readable = accessWhere(actor, reservationEntity, 'read', 'r');
  const columns = sql`r.id, r.resource_id as "resourceId", r.owner_id as "ownerId", r.title, r.starts_at as "startsAt",
    r.ends_at as "endsAt", r.version, (${readable}) as readable`;
  const { rows } = await sql<ReservationRow>`
    (select ${columns} from reservation r
      where r.resource_id = any(${resourceIds}::uuid[]) and r.workspace_id = ${actor.workspaceId} and r.deleted_at is null
        and r.starts_at < ${range.to}::timestamptz and r.ends_at > ${range.from}::timestamptz
      limit ${ROW_LIMIT})
    union
    (select ${columns} from reservation r
      where r.workspace_id = ${actor.workspaceId} and r.owner_id = any(${ownerIds}::uuid[]) and r.deleted_at is null
        and r.starts_at < ${range.to}::timestamptz and r.ends_at > ${range.from}::timestamptz
        and ${readable}
      limit ${ROW_LIMIT})`.execute(db);
  return rows;
}

/** Names of the given people (members of the actor's workspace only) and the resources' names. */
export async function findCalendarOwners(db: Kysely<DB>, workspaceId: string, userIds: string[], resourceIds: string[]) {
  const [users, resources] = await Promise.all([
    userIds.length
      ? db.selectFrom('users').select(['id', 'name']).where('workspaceId', '=', workspaceId).where('id', 'in', userIds).where('deletedAt', 'is', null).execute()
      : [],
    resourceIds.length
      ? db
          .selectFrom('resource')
          .select(['id', 'name', 'color'])
          .where('workspaceId', '=', workspaceId)
          .where('id', 'in', resourceIds)
          .where('deletedAt', 'is', null)
          .execute()
      : [],
  ]);
  return { users, resources };
}

/** The workspace's settings (country, time zone, working hours) and locale. */
export async function findWorkspaceCalendar(db: Kysely<DB>, workspaceId: string) {
  return db.selectFrom('workspace').select(['locale', 'settings']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
}

/** A person's calendar setting row (working hours, feed token), if any. */
export async function findCalendarSetting(db: Kysely<DB>, userId: string) {
  return db.selectFrom('calendarSetting').selectAll().where('userId', '=', userId).executeTakeFirst();
}
