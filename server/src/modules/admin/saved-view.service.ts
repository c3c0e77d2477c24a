import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requireAdmin } from '../../platform/access/guard.ts';
import { diff, recordChange } from '../../platform/audit/record-change.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { entityScope } from '../../platform/records/access.ts';
import { loadCustomFields } from '../../platform/records/custom-fields.ts';
import { getEntity } from '../../platform/records/descriptor.ts';
import { compileFilter } from '../../platform/records/filter.ts';
import { DEFAULT_TIME_ZONE, todayIn } from '../../platform/records/relative-dates.ts';
import { parseSort } from '../../platform/records/sort-cursor.ts';
import type { SavedViewCreate, SavedViewDefinition, SavedViewResponse, SavedViewUpdate } from './saved-view.schema.ts';

const COLUMNS = ['id', 'entity', 'name', 'ownerId', 'shared', 'definition', 'version', 'updatedAt'] as const;
type Row = { id: string; entity: string; name: string; ownerId: string; shared: boolean; definition: unknown; version: number; updatedAt: Date };

const toResponse = (actor: Actor, row: Row): SavedViewResponse => ({
  ...row,
  definition: (row.definition ?? {}) as SavedViewDefinition,
  mine: row.ownerId === actor.userId,
  updatedAt: new Date(row.updatedAt).toISOString(),
});

function readableEntity(actor: Actor, name: string) {
  const entity = getEntity(name);
  if (!entity || entityScope(actor, entity, 'read') === 'none') throw validation([{ path: 'entity', message: 'Unknown entity' }]);
  return entity;
}

/** A view's filter, sort and columns must be valid for the entity now (same rules as the list endpoint). */
async function checkDefinition(db: Db, actor: Actor, entityName: string, definition: SavedViewDefinition): Promise<void> {
  const entity = readableEntity(actor, entityName);
  const customFields = entity.customFields ? await loadCustomFields(db, actor.workspaceId, entity.name) : [];
  if (definition.filter !== undefined && definition.filter !== null) {
    compileFilter(definition.filter, { entity, customFields, actor, timeZone: DEFAULT_TIME_ZONE, today: todayIn(DEFAULT_TIME_ZONE) }, 'definition.filter');
  }
  if (definition.sort) parseSort(definition.sort, entity, customFields);
  for (const [i, column] of (definition.columns ?? []).entries()) {
    const known = column.startsWith('custom.')
      ? customFields.some((c) => `custom.${c.key}` === column)
      : entity.allFields.some((f) => f.name === column && !f.hidden);
    if (!known) throw validation([{ path: `definition.columns[${i}]`, message: `Unknown column "${column}"` }]);
  }
}

/** The actor's own views and the workspace's shared views (optionally of one entity). */
export async function listSavedViews(db: Db, actor: Actor, entity?: string): Promise<SavedViewResponse[]> {
  const rows = await db
    .selectFrom('savedView')
    .select([...COLUMNS])
    .where('workspaceId', '=', actor.workspaceId)
    .where((eb) => eb.or([eb('ownerId', '=', actor.userId), eb('shared', '=', true)]))
    .$if(entity !== undefined, (qb) => qb.where('entity', '=', entity!))
    .orderBy('entity')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => toResponse(actor, r));
}

/** Personal views belong to their owner; shared views are managed by administrators. */
async function findEditable(db: Db, actor: Actor, id: string): Promise<Row> {
  const row = await db
    .selectFrom('savedView')
    .select([...COLUMNS])
    .where('id', '=', id)
    .where('workspaceId', '=', actor.workspaceId)
    .where((eb) => eb.or([eb('ownerId', '=', actor.userId), eb('shared', '=', true)]))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Saved view');
  if (row.shared) requireAdmin(actor, 'update');
  return row;
}

export async function createSavedView(db: Db, actor: Actor, input: SavedViewCreate): Promise<SavedViewResponse> {
  if (input.shared) requireAdmin(actor, 'create');
  await checkDefinition(db, actor, input.entity, input.definition);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const row = await trx
      .insertInto('savedView')
      .values({
        id,
        workspaceId: actor.workspaceId,
        entity: input.entity,
        name: input.name,
        ownerId: actor.userId,
        shared: input.shared,
        definition: JSON.stringify(input.definition),
      })
      .returning([...COLUMNS])
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'savedView',
      recordId: id,
      action: 'created',
      actorId: actor.userId,
      changes: diff(null, row, ['entity', 'name', 'shared', 'definition']),
    });
    return toResponse(actor, row);
  });
}

export async function updateSavedView(db: Db, actor: Actor, id: string, input: SavedViewUpdate): Promise<SavedViewResponse> {
  if (input.shared) requireAdmin(actor, 'update');
  return db.transaction().execute(async (trx) => {
    const before = await findEditable(trx, actor, id);
    if (before.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', 'The view was changed by someone else', { details: { currentVersion: before.version } });
    }
    if (input.definition) await checkDefinition(trx, actor, before.entity, input.definition);
    const after = await trx
      .updateTable('savedView')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
        ...(input.definition ? { definition: JSON.stringify(input.definition) } : {}),
        updatedAt: new Date(),
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('workspaceId', '=', actor.workspaceId)
      .where('version', '=', input.version)
      .returning([...COLUMNS])
      .executeTakeFirst();
    if (!after) throw new AppError('VERSION_CONFLICT', 'The view was changed by someone else');
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'savedView',
      recordId: id,
      action: 'updated',
      actorId: actor.userId,
      changes: diff(before, after, ['name', 'shared', 'definition']),
    });
    return toResponse(actor, after);
  });
}

export async function deleteSavedView(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findEditable(trx, actor, id);
    await trx.deleteFrom('savedView').where('id', '=', id).where('workspaceId', '=', actor.workspaceId).execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'savedView',
      recordId: id,
      action: 'deleted',
      actorId: actor.userId,
      changes: { name: [before.name, null] },
    });
  });
}
