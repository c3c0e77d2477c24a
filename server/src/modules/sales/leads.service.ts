import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError, validation } from '../../platform/errors.ts';
import { registerNotificationKind } from '../../platform/notifications/kinds.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { accessWhere, requireEntityPermission } from '../../platform/records/access.ts';
import { findRecord } from '../../platform/records/query.ts';
import { createRecord, inTransaction, updateRecord } from '../../platform/records/write.ts';
import { convertLead } from '../partners/lifecycle.ts';
import { partnerEntity } from '../partners/partner.entity.ts';
import { competitorEntity } from './leads.entity.ts';
import { opportunityEntity } from './opportunity.entity.ts';

registerNotificationKind({ kind: 'lead_assigned', labelKey: 'notificationKinds.lead_assigned', defaults: { inApp: true, email: true, sms: false } });

export interface AssignInput {
  partnerIds: string[];
  mode: 'manual' | 'roundRobin';
  userId?: string | undefined;
  userIds?: string[] | undefined;
  groupId?: string | undefined;
}

type PoolInput = Pick<AssignInput, 'mode' | 'userId' | 'userIds' | 'groupId'>;

/**
 * Who takes part in an assignment, in the order of their turns (by name), and the key its rotation is
 * kept under: one person (manual), the chosen people, or a group's active members.
 */
async function resolvePool(trx: Kysely<DB>, actor: Actor, input: PoolInput): Promise<{ pool: string[]; poolKey: string }> {
  let pool: string[];
  let poolKey: string;
  if (input.mode === 'manual') {
    if (!input.userId) throw validation([{ path: 'userId', message: 'Choose the salesperson' }]);
    pool = [input.userId];
    poolKey = `user:${input.userId}`;
  } else if (input.groupId) {
    const members = await trx
      .selectFrom('userGroupMember as m')
      .innerJoin('users as u', 'u.id', 'm.userId')
      .innerJoin('userGroup as g', 'g.id', 'm.groupId')
      .select('u.id')
      .where('m.groupId', '=', input.groupId)
      .where('g.workspaceId', '=', actor.workspaceId)
      .where('u.active', '=', true)
      .where('u.canSignIn', '=', true)
      .where('u.deletedAt', 'is', null)
      .orderBy('u.name')
      .orderBy('u.id')
      .execute();
    pool = members.map((m) => m.id);
    poolKey = `group:${input.groupId}`;
    if (!pool.length) throw validation([{ path: 'groupId', message: 'validation.emptyGroup' }], 'The group has no active members to give leads to');
  } else {
    pool = [...new Set(input.userIds ?? [])];
    poolKey = `users:${[...pool].sort().join(',')}`;
    if (pool.length < 2) throw validation([{ path: 'userIds', message: 'validation.rotationTooSmall' }], 'Round-robin needs at least two people');
  }
  // the turns go by name whatever order the people were picked in, so the same pool always continues alike
  const found = await trx
    .selectFrom('users')
    .select('id')
    .where('workspaceId', '=', actor.workspaceId)
    .where('active', '=', true)
    .where('deletedAt', 'is', null)
    .where('id', 'in', pool)
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (found.length !== pool.length) throw validation([{ path: input.mode === 'manual' ? 'userId' : 'userIds', message: 'validation.noSuchUser' }], 'No such active user in this workspace');
  return { pool: found.map((u) => u.id), poolKey };
}

/** A round-robin pool as it stands: its people in turn order with the leads each holds, who gave the last one, who gets the next. */
export async function leadRotation(db: Kysely<DB>, actor: Actor, input: Pick<AssignInput, 'userIds' | 'groupId'>) {
  requireEntityPermission(actor, partnerEntity, 'update');
  const { pool, poolKey } = await resolvePool(db, actor, { mode: 'roundRobin', userIds: input.userIds, groupId: input.groupId });
  const last = await db.selectFrom('leadRotation').select('lastUserId').where('workspaceId', '=', actor.workspaceId).where('pool', '=', poolKey).executeTakeFirst();
  const lastUserId = last?.lastUserId ?? null;
  const { rows } = await sql<{ id: string; name: string; leads: number }>`select u.id, u.name,
      (select count(*)::int from partner p where p.workspace_id = ${actor.workspaceId} and p.owner_id = u.id and p.status = 'lead' and p.deleted_at is null
        and ${accessWhere(actor, partnerEntity, 'read', 'p')}) as leads
    from users u where u.workspace_id = ${actor.workspaceId} and u.id = any(${pool}::uuid[])`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const next = pool[Math.max(0, pool.indexOf(lastUserId ?? '') + 1) % pool.length] ?? null;
  return { members: pool.map((id) => ({ id, name: byId.get(id)?.name ?? '', leads: byId.get(id)?.leads ?? 0 })), lastUserId, nextUserId: next };
}

/**
 * Gives leads to salespeople: all to one person (manual), or in turn among a list of people or the
 * active members of a group (round-robin), continuing where the last assignment to the same pool
 * stopped. One transaction; each lead's change audited; each assignee notified once.
 */
export async function assignLeads(db: Kysely<DB>, actor: Actor, input: AssignInput) {
  requireEntityPermission(actor, partnerEntity, 'update');
  return inTransaction(db, async (trx) => {
    const { pool, poolKey } = await resolvePool(trx, actor, input);
    // the pool's turn, locked so two assignments at once continue one another
    await sql`insert into lead_rotation (workspace_id, pool) values (${actor.workspaceId}, ${poolKey}) on conflict do nothing`.execute(trx);
    const { rows } = await sql<{ lastUserId: string | null }>`select last_user_id as "lastUserId" from lead_rotation where workspace_id = ${actor.workspaceId} and pool = ${poolKey} for update`.execute(trx);
    let next = Math.max(0, pool.indexOf(rows[0]?.lastUserId ?? '') + 1) % pool.length;
    const given: Record<string, string[]> = {};
    for (const id of input.partnerIds) {
      const partner = await findRecord(trx, actor, partnerEntity, id, { action: 'update', forUpdate: true });
      const owner = pool[next]!;
      next = (next + 1) % pool.length;
      await updateRecord(trx, actor, partnerEntity, id, { ownerId: owner }, 'current');
      given[owner] = [...(given[owner] ?? []), String(partner.name)];
      await sql`update lead_rotation set last_user_id = ${owner}::uuid where workspace_id = ${actor.workspaceId} and pool = ${poolKey}`.execute(trx);
    }
    for (const [userId, names] of Object.entries(given)) {
      if (userId === actor.userId) continue;
      await notify(trx, {
        workspaceId: actor.workspaceId,
        userId,
        kind: 'lead_assigned',
        title: `${actor.name}: ${names.length === 1 ? names[0] : `${names.length} leads`}`,
        body: names.join(', '),
        link: '/r/partners',
      });
    }
    return Object.entries(given).map(([userId, names]) => ({ userId, count: names.length }));
  });
}

export interface NewOpportunity {
  name?: string | undefined;
  amount?: string | undefined;
  currency?: string | undefined;
  expectedClose?: string | undefined;
  pipelineId?: string | undefined;
}

/** A lead becomes a prospect and gets its first opportunity, in one step and one transaction. */
export async function convertToOpportunity(db: Kysely<DB>, actor: Actor, partnerId: string, input: NewOpportunity) {
  requireEntityPermission(actor, opportunityEntity, 'create');
  return inTransaction(db, async (trx) => {
    const partner = await convertLead(trx, actor, partnerId);
    const opportunity = await createRecord(trx, actor, opportunityEntity, {
      name: input.name ?? String(partner.name),
      partnerId,
      ...(input.amount ? { amount: input.amount } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
      ...(input.expectedClose ? { expectedClose: input.expectedClose } : {}),
      ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}),
      ...(partner.campaignId ? { campaignId: partner.campaignId } : {}),
      ...(partner.leadSource ? { source: partner.leadSource } : {}),
      ownerId: (partner.ownerId as string | null) ?? actor.userId,
    });
    return { partner, opportunity };
  });
}

type Linked = 'partner' | 'opportunity';
const linkedEntity = (entity: Linked) => (entity === 'partner' ? partnerEntity : opportunityEntity);

export async function competitorsOf(db: Kysely<DB>, actor: Actor, entity: Linked, recordId: string) {
  await findRecord(db, actor, linkedEntity(entity), recordId);
  return db
    .selectFrom('competitorLink as l')
    .innerJoin('competitor as c', 'c.id', 'l.competitorId')
    .select(['c.id', 'c.name', 'c.website'])
    .where('l.entity', '=', entity)
    .where('l.recordId', '=', recordId)
    .where('c.deletedAt', 'is', null)
    .orderBy('c.name')
    .execute();
}

/** The competitors of a lead/partner or opportunity (replaces the list); audited on the record. */
export async function setCompetitors(db: Kysely<DB>, actor: Actor, entity: Linked, recordId: string, competitorIds: string[]) {
  const ids = [...new Set(competitorIds)];
  return inTransaction(db, async (trx) => {
    await findRecord(trx, actor, linkedEntity(entity), recordId, { action: 'update' });
    requireEntityPermission(actor, competitorEntity, 'read');
    const known = ids.length ? await trx.selectFrom('competitor').select('id').where('workspaceId', '=', actor.workspaceId).where('deletedAt', 'is', null).where('id', 'in', ids).execute() : [];
    if (known.length !== ids.length) throw new AppError('VALIDATION', 'Unknown competitor', { errors: [{ path: 'competitorIds', message: 'No such competitor' }] });
    const before = await competitorsOf(trx, actor, entity, recordId);
    await trx.deleteFrom('competitorLink').where('entity', '=', entity).where('recordId', '=', recordId).execute();
    if (ids.length) await trx.insertInto('competitorLink').values(ids.map((competitorId) => ({ workspaceId: actor.workspaceId, competitorId, entity, recordId }))).execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity,
      recordId,
      action: 'updated',
      actorId: actor.userId,
      changes: { competitors: [before.map((c) => c.id), ids] },
    });
    return competitorsOf(trx, actor, entity, recordId);
  });
}
