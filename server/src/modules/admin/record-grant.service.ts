import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { getEntity } from '../../platform/records/descriptor.ts';
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

/** Sharing a record is for those who may change it (its owner, a team lead, an administrator). */
async function requireRecordForUpdate(db: Kysely<DB>, actor: Actor, entityName: string, recordId: string) {
  const entity = getEntity(entityName);
  if (!entity) throw validation([{ path: 'entity', message: `Unknown entity ${entityName}` }]);
  if (entity.scope === 'workspace') {
    throw validation([{ path: 'entity', message: 'Records of this kind are shared with the whole workspace already' }]);
  }
  await findRecord(db, actor, entity, recordId, { action: 'update' }).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'FORBIDDEN' ? notFound(entity.name) : error;
  });
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
  const principal = await db
    .selectFrom(PRINCIPAL_TABLE[input.principalType])
    .select('id')
    .where('id', '=', input.principalId)
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!principal) throw validation([{ path: 'principalId', message: 'No such user, group or org unit in this workspace' }]);
  return db.transaction().execute(async (trx) => {
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
