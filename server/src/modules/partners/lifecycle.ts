import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import { findRecord } from '../../platform/records/query.ts';
import { inTransaction, updateRecord } from '../../platform/records/write.ts';
import { partnerEntity } from './partner.entity.ts';

export const LIFECYCLE_QUEUE = 'partners.lifecycle';
/** Customers with no activity for this long become inactive, unless the workspace sets `partnerInactiveAfterDays`. */
export const DEFAULT_INACTIVE_AFTER_DAYS = 365;

/**
 * A business card (lead) becomes a prospect: the same record, so its whole history, contacts and
 * links stay with it; one transaction, with its audit row.
 */
export async function convertLead(db: Kysely<DB>, actor: Actor, id: string) {
  return inTransaction(db, async (trx) => {
    const partner = await findRecord(trx, actor, partnerEntity, id, { action: 'update', forUpdate: true });
    if (partner.status !== 'lead') throw new AppError('RULE', 'Only a lead (business card) can be converted', { errors: [{ path: 'status', message: 'validation.notALead' }] });
    const updated = await updateRecord(trx, actor, partnerEntity, id, { status: 'prospect', version: partner.version });
    await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'partner', recordId: id, action: 'converted', actorId: actor.userId, payload: { title: String(partner.name) } });
    return updated;
  });
}

/**
 * Nightly: customers whose latest activity (or creation) is older than the workspace's period become
 * inactive — one statement per workspace, with an audit row and an event per partner.
 */
export async function markInactiveCustomers(db: Kysely<DB>): Promise<number> {
  const workspaces = await db.selectFrom('workspace').select(['id', 'settings']).execute();
  let changed = 0;
  for (const ws of workspaces) {
    const days = Number((ws.settings as { partnerInactiveAfterDays?: number } | null)?.partnerInactiveAfterDays ?? DEFAULT_INACTIVE_AFTER_DAYS);
    const { rows } = await sql<{ n: number }>`
      with changed as (
        update partner set status = 'inactive', version = version + 1, updated_at = now()
        where workspace_id = ${ws.id} and status = 'customer' and deleted_at is null
          and coalesce(last_activity_at, created_at) < now() - make_interval(days => ${days})
        returning id, workspace_id
      ), audited as (
        insert into audit_log (workspace_id, entity, record_id, action, actor_id, changes)
        select workspace_id, 'partner', id, 'updated', null, '{"status":["customer","inactive"]}'::jsonb from changed
        returning record_id
      ), announced as (
        insert into outbox_event (workspace_id, type, entity, record_id, actor_id, payload, created_at)
        select workspace_id, 'partner.updated', 'partner', id, null, '{"changes":{"status":["customer","inactive"]}}'::jsonb, clock_timestamp()
        from changed
        returning id
      )
      select count(*)::int as n from changed`.execute(db);
    changed += rows[0]?.n ?? 0;
  }
  return changed;
}
