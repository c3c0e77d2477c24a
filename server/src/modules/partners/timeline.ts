import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { OutboxEvent } from '../../platform/jobs/outbox.ts';
import { decodeTimeCursor } from '../../platform/http/time-cursor.ts';
import { findRecord } from '../../platform/records/query.ts';
import { partnerEntity } from './partner.entity.ts';

/**
 * Which partners an event concerns: the partner itself, any event whose payload names a `partnerId`
 * (every module can put its events on the timeline that way, with no change here), attachments of a
 * partner, and events of contacts linked to partners (linked when the projection runs).
 */
async function partnersOf(trx: Transaction<DB>, events: OutboxEvent[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const contactEvents: OutboxEvent[] = [];
  for (const e of events) {
    const p = (e.payload ?? {}) as Record<string, JsonValue>;
    const ids = new Set<string>();
    if (e.entity === 'partner' && e.recordId) ids.add(e.recordId);
    if (typeof p.partnerId === 'string') ids.add(p.partnerId);
    if (e.entity === 'attachment' && p.onEntity === 'partner' && typeof p.onRecordId === 'string') ids.add(p.onRecordId);
    if (e.entity === 'contact' && e.recordId) contactEvents.push(e);
    if (ids.size) out.set(e.id, [...ids]);
  }
  if (contactEvents.length) {
    const links = await trx
      .selectFrom('partnerContact')
      .select(['contactId', 'partnerId'])
      .where('contactId', 'in', [...new Set(contactEvents.map((e) => e.recordId!))])
      .execute();
    for (const e of contactEvents) {
      const partners = links.filter((l) => l.contactId === e.recordId).map((l) => l.partnerId);
      if (partners.length) out.set(e.id, [...new Set([...(out.get(e.id) ?? []), ...partners])]);
    }
  }
  return out;
}

const MAX_MERGE_HOPS = 20;

/**
 * Partners merged into others (in the trash, `merged_into` set) → the partner kept, following the pointers.
 * The rows are locked (FOR SHARE, in id order, as the merge locks them), so a merge cannot commit between
 * this look-up and the insert: an event projected after a merge reaches the kept partner, one projected
 * before it is copied over by the merge.
 */
async function keptPartners(trx: Transaction<DB>, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  const pointer = new Map<string, string | null>();
  let pending = [...new Set(ids)];
  for (let hop = 0; pending.length && hop < MAX_MERGE_HOPS; hop++) {
    const { rows } = await sql<{ id: string; mergedInto: string | null }>`
      select id, case when deleted_at is not null then merged_into end as "mergedInto" from partner
      where workspace_id = ${workspaceId} and id = any(${pending}::uuid[]) order by id for share`.execute(trx.withoutPlugins());
    for (const id of pending) pointer.set(id, null);
    for (const r of rows) pointer.set(r.id, r.mergedInto);
    pending = rows.map((r) => r.mergedInto).filter((id): id is string => id !== null && !pointer.has(id));
  }
  const resolve = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    for (let next = pointer.get(current); next && !seen.has(next); next = pointer.get(current)) {
      seen.add(current);
      current = next;
    }
    return current;
  };
  return new Map(ids.map((id) => [id, resolve(id)]));
}

/**
 * The partners an event goes to: those it concerns and, for one merged since, the partner kept as well
 * (its own timeline stays whole for the trash). The duplicate's own "merged into" stays on its timeline.
 */
async function withMerges(trx: Transaction<DB>, events: OutboxEvent[], targets: Map<string, string[]>): Promise<Map<string, string[]>> {
  const byWorkspace = new Map<string, string[]>();
  for (const e of events) {
    const ids = targets.get(e.id);
    if (ids) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), ...ids]);
  }
  const kept = new Map<string, Map<string, string>>();
  for (const [workspaceId, ids] of byWorkspace) kept.set(workspaceId, await keptPartners(trx, workspaceId, ids));
  const out = new Map<string, string[]>();
  for (const e of events) {
    const ids = targets.get(e.id);
    if (!ids) continue;
    if (e.type === 'partner.mergedInto') {
      out.set(e.id, ids);
      continue;
    }
    const resolved = kept.get(e.workspaceId)!;
    out.set(e.id, [...new Set(ids.flatMap((id) => [id, resolved.get(id) ?? id]))]);
  }
  return out;
}

/** Outbox consumer: puts each event on the timelines of the partners it concerns (one insert per batch). */
export async function projectTimeline(events: OutboxEvent[], trx: Transaction<DB>): Promise<void> {
  const targets = await withMerges(trx, events, await partnersOf(trx, events));
  const rows = events.flatMap((e) =>
    (targets.get(e.id) ?? []).map((partnerId) => ({
      workspace_id: e.workspaceId,
      partner_id: partnerId,
      event_id: e.id,
      at: e.createdAt.toISOString(),
      type: e.type,
      entity: e.entity,
      record_id: e.recordId,
      actor_id: e.actorId,
      payload: e.payload,
    })),
  );
  if (rows.length === 0) return;
  // partners deleted for good since the event are skipped by the join
  await sql`insert into partner_timeline (workspace_id, partner_id, event_id, at, type, entity, record_id, actor_id, payload)
    select r.workspace_id, r.partner_id, r.event_id, r.at, r.type, r.entity, r.record_id, r.actor_id, coalesce(r.payload, '{}'::jsonb)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(workspace_id uuid, partner_id uuid, event_id bigint, at timestamptz,
      type text, entity text, record_id uuid, actor_id uuid, payload jsonb)
    join partner p on p.id = r.partner_id and p.workspace_id = r.workspace_id
    on conflict (partner_id, event_id) do nothing`.execute(trx);
  // what others do with a partner (opportunities, offers, orders, events …) is its latest activity,
  // which the nightly lifecycle job reads; the partner's own edits are not
  const activity = rows.filter((r) => r.entity !== 'partner' && r.entity !== 'attachment');
  if (activity.length) {
    await sql`update partner p set last_activity_at = a.at
      from (select r.partner_id, max(r.at) as at from jsonb_to_recordset(${JSON.stringify(activity)}::jsonb) as r(partner_id uuid, at timestamptz) group by r.partner_id) a
      where p.id = a.partner_id and (p.last_activity_at is null or p.last_activity_at < a.at)`.execute(trx);
  }
}

/** A page of a partner's timeline, newest first, with the actors' names. */
export async function partnerTimeline(db: Kysely<DB>, actor: Actor, partnerId: string, options: { limit: number; cursor?: string }) {
  await findRecord(db, actor, partnerEntity, partnerId);
  const after = options.cursor ? decodeTimeCursor(options.cursor) : null;
  const rows = await db
    .selectFrom('partnerTimeline as t')
    .leftJoin('users as u', 'u.id', 't.actorId')
    .select(['t.eventId', 't.at', 't.type', 't.entity', 't.recordId', 't.actorId', 'u.name as actorName', 't.payload'])
    .where('t.partnerId', '=', partnerId)
    .where('t.workspaceId', '=', actor.workspaceId)
    .$if(Boolean(after), (qb) => qb.where(sql<boolean>`(t.at, t.event_id) < (${after![0]}::timestamptz, ${after![1]}::bigint)`))
    .orderBy('t.at', 'desc')
    .orderBy('t.eventId', 'desc')
    .limit(options.limit + 1)
    .execute();
  const data = rows.slice(0, options.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > options.limit && last ? Buffer.from(JSON.stringify([last.at.toISOString(), last.eventId])).toString('base64url') : null,
  };
}

/** Counts of what happened with a partner, by kind of record. */
export async function partnerStats(db: Kysely<DB>, actor: Actor, partnerId: string) {
  await findRecord(db, actor, partnerEntity, partnerId);
  const rows = await db
    .selectFrom('partnerTimeline')
    .select(['entity', (eb) => eb.fn.countAll<string>().as('count'), (eb) => eb.fn.max('at').as('lastAt')])
    .where('partnerId', '=', partnerId)
    .where('workspaceId', '=', actor.workspaceId)
    .groupBy('entity')
    .execute();
  return {
    byEntity: Object.fromEntries(rows.map((r) => [r.entity, Number(r.count)])),
    total: rows.reduce((sum, r) => sum + Number(r.count), 0),
    lastAt: rows.reduce<Date | null>((max, r) => (r.lastAt && (!max || r.lastAt > max) ? r.lastAt : max), null),
  };
}
