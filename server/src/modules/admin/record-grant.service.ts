import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { type EntityDescriptor, getEntity } from '../../platform/records/descriptor.ts';
import { findRecord } from '../../platform/records/query.ts';
import { notifyUsers } from './admin-notifications.ts';

export interface NewRecordGrant {
  entity: string;
  recordId: string;
  principalType: 'user' | 'group' | 'org_unit';
  principalId: string;
  access: 'read' | 'write';
}

const PRINCIPAL_TABLE = { user: 'users', group: 'userGroup', org_unit: 'orgUnit' } as const;

/**
 * Decides whether the actor may share a record of one entity; throws (404 when the record is out of
 * the actor's sight) to refuse. Modules register one when "may update" is not the right rule
 * (e.g. only a project's manager shares a confidential project).
 */
export type ShareRule = (db: Kysely<DB>, actor: Actor, entity: EntityDescriptor, recordId: string) => Promise<void>;
const shareRules = new Map<string, ShareRule>();

/** Replaces the default sharing rule (whoever may update the record) for one entity. */
export function registerShareRule(entityName: string, rule: ShareRule): void {
  shareRules.set(entityName, rule);
}

/** Default rule: those who may change the record (its owner, a team lead, an administrator) may share it. */
const mayUpdate: ShareRule = async (db, actor, entity, recordId) => {
  await findRecord(db, actor, entity, recordId, { action: 'update' }).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'FORBIDDEN' ? notFound(entity.name) : error;
  });
};

async function requireRecordForUpdate(db: Kysely<DB>, actor: Actor, entityName: string, recordId: string) {
  const entity = getEntity(entityName);
  if (!entity) throw validation([{ path: 'entity', message: `Unknown entity ${entityName}` }]);
  if (entity.scope === 'workspace') {
    throw validation([{ path: 'entity', message: 'Records of this kind are shared with the whole workspace already' }]);
  }
  await (shareRules.get(entity.name) ?? mayUpdate)(db, actor, entity, recordId);
}

export async function listRecordGrants(db: Kysely<DB>, actor: Actor, entity: string, recordId: string) {
  await requireRecordForUpdate(db, actor, entity, recordId);
  return db
    .selectFrom('recordGrant')
    .select(['id', 'entity', 'recordId', 'principalType', 'principalId', 'access', 'createdAt', 'createdBy'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('entity', '=', entity)
    .where('recordId', '=', recordId)
    .orderBy('createdAt')
    .execute();
}

export async function addRecordGrant(db: Kysely<DB>, actor: Actor, input: NewRecordGrant) {
  await requireRecordForUpdate(db, actor, input.entity, input.recordId);
  return db.transaction().execute(async (trx) => {
    const principal = await trx
      .selectFrom(PRINCIPAL_TABLE[input.principalType])
      .select('id')
      .where('id', '=', input.principalId)
      .where('workspaceId', '=', actor.workspaceId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!principal) throw validation([{ path: 'principalId', message: 'No such user, group or org unit in this workspace' }]);
    const id = newId();
    const row = await trx
      .insertInto('recordGrant')
      .values({ id, workspaceId: actor.workspaceId, ...input, createdBy: actor.userId })
      .onConflict((oc) =>
        oc.columns(['workspaceId', 'entity', 'recordId', 'principalType', 'principalId']).doUpdateSet({ access: input.access }),
      )
      .returning(['id', 'entity', 'recordId', 'principalType', 'principalId', 'access', 'createdAt', 'createdBy'])
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: input.entity,
      recordId: input.recordId,
      action: 'shared',
      actorId: actor.userId,
      changes: { [`grant.${input.principalType}.${input.principalId}`]: [null, input.access] },
    });
    if (input.principalType === 'user') {
      const resource = getEntity(input.entity)?.resource;
      await notifyUsers(trx, actor.workspaceId, actor.name, [input.principalId], 'record_shared', resource ? `/r/${resource}/${input.recordId}` : null);
    }
    return row;
  });
}

export async function removeRecordGrant(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const grant = await db
    .selectFrom('recordGrant')
    .selectAll()
    .where('id', '=', id)
    .where('workspaceId', '=', actor.workspaceId)
    .executeTakeFirst();
  if (!grant) throw notFound('Grant');
  await requireRecordForUpdate(db, actor, grant.entity, grant.recordId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recordGrant').where('id', '=', id).execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: grant.entity,
      recordId: grant.recordId,
      action: 'unshared',
      actorId: actor.userId,
      changes: { [`grant.${grant.principalType}.${grant.principalId}`]: [grant.access, null] },
    });
  });
}
