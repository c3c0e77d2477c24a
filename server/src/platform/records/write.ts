import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { DB, JsonValue } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { diff, recordChange, recordChanges, type Trx } from '../audit/record-change.ts';
import { AppError, type FieldError, validation } from '../errors.ts';
import { newId } from '../ids.ts';
import { accessWhere, entityScope, requireEntityPermission } from './access.ts';
import { loadCustomFields, missingRequired, validateCustomValues } from './custom-fields.ts';
import {
  type EntityDescriptor,
  type FieldDescriptor,
  getEntity,
  type HookContext,
  type RecordRow,
  type RecordValues,
} from './descriptor.ts';
import { findRecord, findRecordsByIds, publicRow } from './query.ts';
import { entitySchemas } from './schemas.ts';

function parseInput(schema: z.ZodType, input: unknown): Record<string, unknown> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw validation(result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  }
  return result.data as Record<string, unknown>;
}

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one (an import
 * writes a batch of records in one transaction, each through the same create/update path).
 */
export function inTransaction<T>(db: Kysely<DB>, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  return db.transaction().execute(work);
}

/** A value as a query parameter for its column (jsonb as text, arrays typed). */
function param(field: FieldDescriptor | undefined, value: unknown): RawBuilder<unknown> {
  if (value === null || value === undefined) return sql`null`;
  if (field?.type === 'json') return sql`${JSON.stringify(value)}::jsonb`;
  if (field?.type === 'tags') return sql`${value}::text[]`;
  return sql`${value}`;
}

/**
 * References must point at live rows of the same workspace (never across tenants) that the actor may
 * read: a row outside the actor's scope is refused with the same words as a missing one, so a write
 * neither learns that it exists nor lands on its timeline. For many records at once: one query per
 * reference field; each record's errors, in the order of the records.
 */
async function referenceErrors(trx: Trx, actor: Actor, entity: EntityDescriptor, records: RecordValues[]): Promise<FieldError[][]> {
  const errors: FieldError[][] = records.map(() => []);
  for (const field of entity.fields) {
    if (field.type !== 'reference') continue;
    // the acting user exists in the workspace (their session says so)
    const given = (values: RecordValues) => (typeof values[field.name] === 'string' && !(field.to === 'user' && values[field.name] === actor.userId) ? (values[field.name] as string) : null);
    const wanted = [...new Set(records.flatMap((v) => given(v) ?? []))];
    if (!wanted.length) continue;
    const target = getEntity(field.to!);
    const table = target?.table ?? (field.to === 'user' ? 'users' : null);
    if (!table) throw new Error(`${entity.name}.${field.name}: reference target ${field.to} is not a registered entity`);
    const readable = target ? accessWhere(actor, target, 'read', 'r') : sql`true`;
    const { rows } = await sql<{ id: string }>`select r.id from ${sql.table(table)} as r where r.id = any(${wanted}::uuid[])
      and r.workspace_id = ${actor.workspaceId} and r.deleted_at is null and ${readable}`.execute(trx);
    const found = new Set(rows.map((r) => r.id));
    records.forEach((values, i) => {
      const value = given(values);
      if (value !== null && !found.has(value)) errors[i]!.push({ path: field.name, message: `No ${field.to} with this id` });
    });
  }
  return errors;
}

async function checkReferences(trx: Trx, actor: Actor, entity: EntityDescriptor, values: RecordValues): Promise<void> {
  const [errors] = await referenceErrors(trx, actor, entity, [values]);
  if (errors!.length) throw validation(errors!);
}

/** Field values and custom values flattened (`custom.key`) for the audit diff. */
function auditable(entity: EntityDescriptor, row: RecordRow | null): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const f of entity.fields) if (!f.hidden) out[f.name] = row[f.name];
  for (const [k, v] of Object.entries((row.custom as Record<string, unknown> | undefined) ?? {})) out[`custom.${k}`] = v;
  return out;
}

function changes(entity: EntityDescriptor, before: RecordRow | null, after: RecordRow | null) {
  const a = auditable(entity, before);
  const b = auditable(entity, after);
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  return diff(a, b, keys);
}

/**
 * What consumers of a record's events need besides the diff: its title (search title fields) and the
 * partner it belongs to (`partnerId`), which puts the event on that partner's timeline.
 */
function eventPayload(entity: EntityDescriptor, row: RecordRow): Record<string, JsonValue> {
  const payload: Record<string, JsonValue> = {};
  const title = (entity.search?.title ?? []).map((f) => row[f]).filter((v) => typeof v === 'string' && v).join(' ');
  if (title) payload.title = title;
  if (entity.name !== 'partner' && typeof row.partnerId === 'string') payload.partnerId = row.partnerId;
  return payload;
}

async function readBack(trx: Trx, actor: Actor, entity: EntityDescriptor, id: string): Promise<RecordRow> {
  const asAdmin: Actor = { ...actor, isAdmin: true };
  return findRecord(trx, asAdmin, entity, id, { deleted: 'any' });
}

async function validateCustom(trx: Trx, actor: Actor, entity: EntityDescriptor, patch: unknown, base: Record<string, unknown>) {
  if (!entity.customFields) return undefined;
  const defs = await loadCustomFields(trx, actor.workspaceId, entity.name);
  const given = (patch as Record<string, unknown> | undefined) ?? {};
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(given)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const errors = validateCustomValues(defs, given);
  if (!errors.length) errors.push(...missingRequired(defs, merged));
  if (errors.length) throw validation(errors);
  return merged;
}

/**
 * The first owner column defaults to the actor; with only 'own' create scope the actor cannot
 * create records owned by someone else.
 */
function applyOwnership(actor: Actor, entity: EntityDescriptor, values: Record<string, unknown>): void {
  if (entity.scope === 'workspace') return;
  const column = entity.scope.ownerColumns[0];
  const owner = entity.fields.find((f) => f.column === column && !f.readOnly);
  if (!owner) return;
  if (values[owner.name] === undefined || values[owner.name] === null) values[owner.name] = actor.userId;
  if (entityScope(actor, entity, 'create') === 'own' && values[owner.name] !== actor.userId) {
    throw new AppError('FORBIDDEN', 'You may only create records you own', { errors: [{ path: owner.name, message: 'Must be you' }] });
  }
}

interface PreparedCreate {
  id: string;
  values: RecordValues;
  customValues: Record<string, unknown> | undefined;
}

/** Validation, ownership, custom fields and (unless `hook` is false) the before-create hook of one new record (nothing written yet). */
async function prepareCreate(trx: Trx, actor: Actor, entity: EntityDescriptor, input: unknown, hook = true): Promise<PreparedCreate> {
  const data = parseInput(entitySchemas(entity).create, input);
  applyOwnership(actor, entity, data);
  const id = newId();
  const { custom, ...values } = data;
  const customValues = await validateCustom(trx, actor, entity, custom, {});
  if (hook) await entity.hooks?.beforeCreate?.({ trx, actor, entity }, { id, values });
  return { id, values, customValues };
}

/** The INSERT of new records: one statement for all of them (a column a record leaves out takes its default). */
async function insertRows(trx: Trx, actor: Actor, entity: EntityDescriptor, rows: PreparedCreate[]): Promise<void> {
  const fields = entity.fields.filter((f) => rows.some((r) => r.values[f.name] !== undefined));
  const withCustom = rows.some((r) => r.customValues);
  const columns = [
    sql.id('id'),
    sql.id('workspace_id'),
    sql.id('created_by'),
    sql.id('updated_by'),
    ...fields.map((f) => sql.id(f.column)),
    ...(withCustom ? [sql.id('custom')] : []),
  ];
  const tuples = rows.map((r) => {
    const params = [
      sql`${r.id}::uuid`,
      sql`${actor.workspaceId}::uuid`,
      sql`${actor.userId}::uuid`,
      sql`${actor.userId}::uuid`,
      ...fields.map((f) => (r.values[f.name] === undefined ? sql`default` : param(f, r.values[f.name]))),
      ...(withCustom ? [r.customValues ? sql`${JSON.stringify(r.customValues)}::jsonb` : sql`default`] : []),
    ];
    return sql`(${sql.join(params)})`;
  });
  await sql`insert into ${sql.table(entity.table)} (${sql.join(columns)}) values ${sql.join(tuples)}`.execute(trx);
}

const createdChange = (actor: Actor, entity: EntityDescriptor, after: RecordRow) => ({
  workspaceId: actor.workspaceId,
  entity: entity.name,
  recordId: String(after.id),
  action: 'created',
  actorId: actor.userId,
  changes: changes(entity, null, after),
  payload: eventPayload(entity, after),
});

/** Creates a record: validation, hooks, reference checks, INSERT, audit + outbox, in one transaction. */
export async function createRecord(db: Kysely<DB>, actor: Actor, entity: EntityDescriptor, input: unknown): Promise<RecordRow> {
  requireEntityPermission(actor, entity, 'create');
  return inTransaction(db, async (trx) => {
    const prepared = await prepareCreate(trx, actor, entity, input);
    await checkReferences(trx, actor, entity, prepared.values);
    await insertRows(trx, actor, entity, [prepared]);
    const after = await readBack(trx, actor, entity, prepared.id);
    await recordChange(trx, createdChange(actor, entity, after));
    await entity.hooks?.afterWrite?.({ trx, actor, entity }, { action: 'created', before: null, after });
    return publicRow(entity, after);
  });
}

export type CreateOutcome = { ok: true; row: RecordRow } | { ok: false; error: AppError };

/**
 * Creates many records of one entity in the caller's transaction by the same rules as createRecord
 * (validation, ownership, custom fields, hooks, references, audit row and event for each), but
 * set-based: one reference check per reference field, one INSERT, one read-back, one INSERT of audit
 * rows and one of events for the whole set. A record refused by validation, a hook or a reference
 * comes back as its error and writes nothing; the others are written. An error of the database itself
 * (a constraint) propagates: the caller's transaction is then lost and it may go record by record.
 */
export async function createRecords(trx: Trx, actor: Actor, entity: EntityDescriptor, inputs: unknown[]): Promise<CreateOutcome[]> {
  requireEntityPermission(actor, entity, 'create');
  const outcomes: (CreateOutcome | PreparedCreate)[] = [];
  const many = entity.hooks?.beforeCreateMany;
  for (const input of inputs) {
    try {
      outcomes.push(await prepareCreate(trx, actor, entity, input, !many));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  const isPrepared = (o: CreateOutcome | PreparedCreate): o is PreparedCreate => 'values' in o;
  if (many) {
    const positions = outcomes.flatMap((o, i) => (isPrepared(o) ? [i] : []));
    const refusals = await many({ trx, actor, entity }, positions.map((i) => outcomes[i] as PreparedCreate));
    positions.forEach((at, k) => {
      const error = refusals[k];
      if (error) outcomes[at] = { ok: false, error };
    });
  }
  // references: every value of a field checked with one query
  const prepared = outcomes.flatMap((o, i) => (isPrepared(o) ? [{ o, i }] : []));
  const refused = await referenceErrors(trx, actor, entity, prepared.map(({ o }) => o.values));
  prepared.forEach(({ i }, k) => {
    if (refused[k]!.length) outcomes[i] = { ok: false, error: validation(refused[k]!) };
  });
  const ready = outcomes.filter(isPrepared);
  if (!ready.length) return outcomes as CreateOutcome[];
  await insertRows(trx, actor, entity, ready);
  const written = await findRecordsByIds(trx, entity, actor.workspaceId, ready.map((r) => r.id));
  const rowOf = (id: string) => {
    const row = written.get(id);
    if (!row) throw new Error(`${entity.name} ${id} was inserted but cannot be read back`);
    return row;
  };
  await recordChanges(trx, ready.map((r) => createdChange(actor, entity, rowOf(r.id))));
  const result: CreateOutcome[] = [];
  for (const o of outcomes) {
    if (!isPrepared(o)) {
      result.push(o);
      continue;
    }
    const after = rowOf(o.id);
    await entity.hooks?.afterWrite?.({ trx, actor, entity }, { action: 'created', before: null, after });
    result.push({ ok: true, row: publicRow(entity, after) });
  }
  return result;
}

/** Parses an If-Match header (`"3"`, `W/"3"` or `3`) to a version number. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw validation([{ path: 'If-Match', message: 'Expected "<version>"' }]);
  return Number(match[1]);
}

const conflict = (current: number) =>
  new AppError('VERSION_CONFLICT', 'The record was changed by someone else; reload it and try again', {
    details: { currentVersion: current },
  });

/**
 * Updates a record with optimistic locking: `expectedVersion` must be the current version
 * ('current' only for bulk edits); the UPDATE itself is conditional on it, so of two concurrent
 * writers with the same version exactly one wins and the other gets 409.
 */
export async function updateRecord(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  id: string,
  input: unknown,
  expectedVersion?: number | 'current',
): Promise<RecordRow> {
  requireEntityPermission(actor, entity, 'update');
  const { version: bodyVersion, custom, ...patch } = parseInput(entitySchemas(entity).update, input);
  const version = expectedVersion ?? (bodyVersion as number | undefined);
  if (version === undefined) throw validation([{ path: 'version', message: 'Send the version you edited (If-Match header or "version")' }]);
  return inTransaction(db, async (trx) => {
    const before = await findRecord(trx, actor, entity, id, { action: 'update', forUpdate: true });
    const expected = version === 'current' ? before.version : version;
    if (before.version !== expected) throw conflict(before.version);
    const customValues =
      custom === undefined ? undefined : await validateCustom(trx, actor, entity, custom, (before.custom as Record<string, unknown>) ?? {});
    const hookCtx: HookContext = { trx, actor, entity };
    await entity.hooks?.beforeUpdate?.(hookCtx, { before, patch });
    await checkReferences(trx, actor, entity, patch);
    const sets = entity.fields
      .filter((f) => patch[f.name] !== undefined)
      .map((f) => sql`${sql.id(f.column)} = ${param(f, patch[f.name])}`);
    if (customValues) sets.push(sql`custom = ${JSON.stringify(customValues)}::jsonb`);
    sets.push(sql`updated_at = now()`, sql`updated_by = ${actor.userId}::uuid`, sql`version = version + 1`);
    const updated = await sql`update ${sql.table(entity.table)} set ${sql.join(sets)}
      where id = ${id}::uuid and workspace_id = ${actor.workspaceId}::uuid and version = ${expected}
      returning id`.execute(trx);
    if (!updated.rows.length) throw conflict(before.version + 1);
    const after = await readBack(trx, actor, entity, id);
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: entity.name,
      recordId: id,
      action: 'updated',
      actorId: actor.userId,
      changes: changes(entity, before, after),
      payload: eventPayload(entity, after),
    });
    await entity.hooks?.afterWrite?.(hookCtx, { action: 'updated', before, after });
    return publicRow(entity, after);
  });
}

async function setDeleted(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  id: string,
  action: 'deleted' | 'restored',
  expectedVersion?: number,
): Promise<RecordRow> {
  requireEntityPermission(actor, entity, 'delete');
  return db.transaction().execute(async (trx) => {
    const before = await findRecord(trx, actor, entity, id, { action: 'delete', deleted: action === 'restored', forUpdate: true });
    if (expectedVersion !== undefined && before.version !== expectedVersion) throw conflict(before.version);
    const hookCtx: HookContext = { trx, actor, entity };
    if (action === 'deleted') await entity.hooks?.beforeDelete?.(hookCtx, { before });
    else await entity.hooks?.beforeRestore?.(hookCtx, { before });
    await sql`update ${sql.table(entity.table)}
      set deleted_at = ${action === 'deleted' ? sql`now()` : sql`null`}, updated_at = now(),
        updated_by = ${actor.userId}::uuid, version = version + 1
      where id = ${id}::uuid and workspace_id = ${actor.workspaceId}::uuid`.execute(trx);
    const after = await readBack(trx, actor, entity, id);
    await recordChange(trx, { workspaceId: actor.workspaceId, entity: entity.name, recordId: id, action, actorId: actor.userId, payload: eventPayload(entity, after) });
    await entity.hooks?.afterWrite?.(hookCtx, { action, before, after });
    return publicRow(entity, after);
  });
}

/** Moves a record to the trash (deleted_at); optional version check. */
export const deleteRecord = (db: Kysely<DB>, actor: Actor, entity: EntityDescriptor, id: string, expectedVersion?: number) =>
  setDeleted(db, actor, entity, id, 'deleted', expectedVersion);

/** Brings a record back from the trash. */
export const restoreRecord = (db: Kysely<DB>, actor: Actor, entity: EntityDescriptor, id: string) =>
  setDeleted(db, actor, entity, id, 'restored');

export const MAX_BULK = 500;

export interface BulkInput {
  action: 'update' | 'delete';
  ids: string[];
  patch?: Record<string, unknown>;
}
export interface BulkItemResult {
  id: string;
  ok: boolean;
  error?: { code: string; message: string };
}

/** Applies one action to many records, each in its own transaction; answers per item. */
export async function bulkRecords(db: Kysely<DB>, actor: Actor, entity: EntityDescriptor, input: BulkInput): Promise<BulkItemResult[]> {
  requireEntityPermission(actor, entity, input.action);
  if (input.ids.length > MAX_BULK) throw validation([{ path: 'ids', message: `At most ${MAX_BULK} ids` }]);
  if (input.action === 'update') {
    if (!input.patch || Object.keys(input.patch).length === 0) throw validation([{ path: 'patch', message: 'Required for update' }]);
    if ('version' in input.patch) throw validation([{ path: 'patch.version', message: 'Bulk edits apply to the current version' }]);
    parseInput(entitySchemas(entity).update, input.patch);
  }
  const results: BulkItemResult[] = [];
  for (const id of new Set(input.ids)) {
    try {
      if (input.action === 'update') await updateRecord(db, actor, entity, id, input.patch, 'current');
      else await deleteRecord(db, actor, entity, id);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: { code: error.code, message: error.errors?.[0]?.message ?? error.message } });
    }
  }
  return results;
}
