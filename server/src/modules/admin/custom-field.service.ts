import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requireAdmin } from '../../platform/access/guard.ts';
import { diff, recordChange } from '../../platform/audit/record-change.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { CustomFieldType } from '../../platform/records/custom-fields.ts';
import { getEntity } from '../../platform/records/descriptor.ts';
import type { CustomFieldCreate, CustomFieldResponse, CustomFieldUpdate } from './custom-field.schema.ts';

const COLUMNS = ['id', 'entity', 'key', 'type', 'label', 'options', 'required', 'position', 'version'] as const;
const OPTION_TYPES: CustomFieldType[] = ['select', 'multiselect'];

function toResponse(row: Record<(typeof COLUMNS)[number], unknown>): CustomFieldResponse {
  return {
    ...(row as Omit<CustomFieldResponse, 'label' | 'options'>),
    label: (row.label ?? {}) as Record<string, string>,
    options: (row.options as string[] | null) ?? null,
  };
}

function entityWithCustomFields(name: string) {
  const entity = getEntity(name);
  if (!entity?.customFields) throw validation([{ path: 'entity', message: 'Unknown entity or no custom fields' }]);
  return entity;
}

/** Custom field definitions of the workspace (optionally of one entity), in display order. */
export async function listCustomFields(db: Db, actor: Actor, entity?: string): Promise<CustomFieldResponse[]> {
  const rows = await db
    .selectFrom('customField')
    .select([...COLUMNS])
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .$if(entity !== undefined, (qb) => qb.where('entity', '=', entity!))
    .orderBy('entity')
    .orderBy('position')
    .orderBy('key')
    .execute();
  return rows.map(toResponse);
}

async function findField(db: Db, actor: Actor, id: string) {
  const row = await db
    .selectFrom('customField')
    .select([...COLUMNS])
    .where('id', '=', id)
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Custom field');
  return row;
}

/** Adds a custom field to an entity (administrators); the key is unique per entity. */
export async function createCustomField(db: Db, actor: Actor, input: CustomFieldCreate): Promise<CustomFieldResponse> {
  requireAdmin(actor, 'create');
  entityWithCustomFields(input.entity);
  const hasOptions = OPTION_TYPES.includes(input.type);
  if (hasOptions && !input.options) throw validation([{ path: 'options', message: 'Required for select fields' }]);
  if (!hasOptions && input.options) throw validation([{ path: 'options', message: 'Only select fields have options' }]);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('customField')
      .select('id')
      .where('workspaceId', '=', actor.workspaceId)
      .where('entity', '=', input.entity)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', `A custom field "${input.key}" already exists`, { errors: [{ path: 'key', message: 'Already used' }] });
    const id = newId();
    const row = await trx
      .insertInto('customField')
      .values({
        id,
        workspaceId: actor.workspaceId,
        entity: input.entity,
        key: input.key,
        type: input.type,
        label: JSON.stringify(input.label),
        options: input.options ? JSON.stringify(input.options) : null,
        required: input.required,
        position: input.position,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning([...COLUMNS])
      .executeTakeFirstOrThrow();
    const out = toResponse(row);
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'customField',
      recordId: id,
      action: 'created',
      actorId: actor.userId,
      changes: diff(null, out, ['entity', 'key', 'type', 'label', 'options', 'required', 'position']),
    });
    return out;
  });
}

/** Changes labels, options, required or position (type and key are fixed); optimistic locking. */
export async function updateCustomField(db: Db, actor: Actor, id: string, input: CustomFieldUpdate): Promise<CustomFieldResponse> {
  requireAdmin(actor, 'update');
  return db.transaction().execute(async (trx) => {
    const before = toResponse(await findField(trx, actor, id));
    if (before.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', 'The custom field was changed by someone else', { details: { currentVersion: before.version } });
    }
    if (input.options && !OPTION_TYPES.includes(before.type)) throw validation([{ path: 'options', message: 'Only select fields have options' }]);
    const row = await trx
      .updateTable('customField')
      .set({
        ...(input.label ? { label: JSON.stringify(input.label) } : {}),
        ...(input.options ? { options: JSON.stringify(input.options) } : {}),
        ...(input.required !== undefined ? { required: input.required } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        updatedAt: new Date(),
        updatedBy: actor.userId,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('workspaceId', '=', actor.workspaceId)
      .where('version', '=', input.version)
      .returning([...COLUMNS])
      .executeTakeFirst();
    if (!row) throw new AppError('VERSION_CONFLICT', 'The custom field was changed by someone else');
    const after = toResponse(row);
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'customField',
      recordId: id,
      action: 'updated',
      actorId: actor.userId,
      changes: diff(before, after, ['label', 'options', 'required', 'position']),
    });
    return after;
  });
}

/**
 * Removes a custom field and its values from every record of the entity (one UPDATE), so a later
 * field with the same key never meets stale values of another type.
 */
export async function deleteCustomField(db: Db, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor, 'delete');
  await db.transaction().execute(async (trx) => {
    const field = await findField(trx, actor, id);
    const entity = getEntity(field.entity);
    if (entity) {
      await sql`update ${sql.table(entity.table)} set custom = custom - ${field.key}::text
        where workspace_id = ${actor.workspaceId}::uuid and custom ? ${field.key}::text`.execute(trx);
    }
    await trx.deleteFrom('customField').where('id', '=', id).where('workspaceId', '=', actor.workspaceId).execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'customField',
      recordId: id,
      action: 'deleted',
      actorId: actor.userId,
      changes: { key: [field.key, null], entity: [field.entity, null] },
    });
  });
}
