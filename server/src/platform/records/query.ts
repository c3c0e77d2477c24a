import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Action, Actor } from '../access/actor.ts';
import { AppError, notFound } from '../errors.ts';
import { accessWhere, requireEntityPermission } from './access.ts';
import { type CustomFieldDefinition, loadCustomFields } from './custom-fields.ts';
import type { EntityDescriptor, FieldDescriptor, RecordRow } from './descriptor.ts';
import { compileFilter, usesRelativeDates } from './filter.ts';
import { DEFAULT_TIME_ZONE, todayIn } from './relative-dates.ts';
import { afterCursor, decodeCursor, encodeCursor, orderBy, parseSort, type SortKey, sortSelections } from './sort-cursor.ts';

export interface ListParams {
  /** Filter tree (already JSON-parsed). */
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  /** Quick search over the searchable fields. */
  q?: string;
  /** Field names to return (id and version always come back). */
  fields?: string[];
  /** List the trash (soft-deleted rows) instead of live rows. */
  trash?: boolean;
}

export interface ListResult {
  data: RecordRow[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

/** A validated, access-restricted list query, ready to be paged (lists and export share it). */
export interface PreparedQuery {
  entity: EntityDescriptor;
  where: RawBuilder<SqlBool>;
  keys: SortKey[];
  columns: FieldDescriptor[];
  customFields: CustomFieldDefinition[];
  includeCustom: boolean;
}

async function workspaceTimeZone(db: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await db.selectFrom('workspace').select('settings').where('id', '=', workspaceId).executeTakeFirst();
  const zone = (row?.settings as { timeZone?: unknown } | undefined)?.timeZone;
  return typeof zone === 'string' && zone ? zone : DEFAULT_TIME_ZONE;
}

/** Validates params against the descriptor and builds the WHERE / ORDER BY for the actor. */
export async function prepareQuery(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  params: ListParams,
  action: Action = 'read',
): Promise<PreparedQuery> {
  requireEntityPermission(actor, entity, action);
  const customFields = entity.customFields ? await loadCustomFields(db, actor.workspaceId, entity.name) : [];
  const conditions: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`${accessWhere(actor, entity, action, 't')}`,
    params.trash ? sql<SqlBool>`t.deleted_at is not null` : sql<SqlBool>`t.deleted_at is null`,
  ];
  if (params.filter !== undefined && params.filter !== null) {
    const timeZone = usesRelativeDates(params.filter) ? await workspaceTimeZone(db, actor.workspaceId) : DEFAULT_TIME_ZONE;
    conditions.push(compileFilter(params.filter, { entity, customFields, actor, timeZone, today: todayIn(timeZone) }));
  }
  const q = params.q?.trim();
  if (q) conditions.push(quickSearch(entity, q));
  const keys = parseSort(params.sort || entity.defaultSort, entity, customFields);

  let columns = entity.allFields.filter((f) => !f.hidden);
  let includeCustom = entity.customFields === true;
  if (params.fields?.length) {
    const wanted = new Set(params.fields);
    for (const name of wanted) {
      if (name !== 'custom' && !columns.some((f) => f.name === name)) {
        throw new AppError('VALIDATION', `Unknown field "${name}"`, { errors: [{ path: 'fields', message: `Unknown field "${name}"` }] });
      }
    }
    columns = columns.filter((f) => wanted.has(f.name) || f.name === 'id' || f.name === 'version');
    includeCustom = includeCustom && wanted.has('custom');
  }
  return { entity, where: sql<SqlBool>`(${sql.join(conditions, sql` and `)})`, keys, columns, customFields, includeCustom };
}

function quickSearch(entity: EntityDescriptor, q: string): RawBuilder<SqlBool> {
  const fields = entity.allFields.filter((f) => f.searchable);
  if (!fields.length) throw new AppError('VALIDATION', `${entity.resource} has no quick search`, { errors: [{ path: 'q', message: 'Not supported' }] });
  const words = q.split(/\s+/).slice(0, 10);
  const perWord = words.map((word) => {
    const pattern = sql`'%' || kontakt_normalize(${word.replace(/[\\%_]/g, (c) => `\\${c}`)}::text) || '%'`;
    if (entity.searchColumn) return sql`${sql.ref(`t.${entity.searchColumn}`)} like ${pattern} escape '\\'`;
    const any = fields.map((f) => sql`kontakt_normalize(${sql.ref(`t.${f.column}`)}) like ${pattern} escape '\\'`);
    return sql`(${sql.join(any, sql` or `)})`;
  });
  return sql<SqlBool>`(${sql.join(perWord, sql` and `)})`;
}

function selection(prepared: PreparedQuery): RawBuilder<unknown>[] {
  const cols = prepared.columns.map((f) => sql`${sql.ref(`t.${f.column}`)} as ${sql.id(f.name)}`);
  if (prepared.includeCustom) cols.push(sql`t.custom as custom`);
  return [...cols, ...sortSelections(prepared.keys)];
}

/** Converts driver values to the API's JSON shapes (date-times as ISO strings). */
export function toApiRow(prepared: Pick<PreparedQuery, 'columns' | 'includeCustom'>, row: Record<string, unknown>): RecordRow {
  const out: Record<string, unknown> = {};
  for (const f of prepared.columns) {
    const value = row[f.name];
    if (value instanceof Date) out[f.name] = value.toISOString();
    // numeric/int8 columns arrive as strings; 'number' and 'integer' fields are JSON numbers
    else if ((f.type === 'number' || f.type === 'integer') && typeof value === 'string') out[f.name] = Number(value);
    else out[f.name] = value ?? null;
  }
  if (prepared.includeCustom) out.custom = row.custom ?? {};
  return out as RecordRow;
}

/** One keyset page: rows after `cursor` in sort order, and the cursor of the next page (or null). */
export async function fetchPage(
  db: Kysely<DB>,
  prepared: PreparedQuery,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: RecordRow[]; nextCursor: string | null }> {
  const conditions = [prepared.where];
  if (cursor) conditions.push(afterCursor(prepared.keys, decodeCursor(cursor, prepared.keys)));
  const result = await sql<Record<string, unknown>>`select ${sql.join(selection(prepared))}
    from ${sql.table(prepared.entity.table)} as t
    where ${sql.join(conditions, sql` and `)}
    order by ${orderBy(prepared.keys)}
    limit ${limit + 1}`.execute(db);
  const rows = result.rows;
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    rows: page.map((r) => toApiRow(prepared, r)),
    nextCursor: more && last ? encodeCursor(prepared.keys, last) : null,
  };
}

/** The list endpoint: filter, quick search, sort, keyset page, restricted to what the actor may read. */
export async function listRecords(db: Kysely<DB>, actor: Actor, entity: EntityDescriptor, params: ListParams): Promise<ListResult> {
  const limit = params.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppError('VALIDATION', `limit must be 1..${MAX_LIMIT}`, { errors: [{ path: 'limit', message: `1..${MAX_LIMIT}` }] });
  }
  const prepared = await prepareQuery(db, actor, entity, params);
  const { rows, nextCursor } = await fetchPage(db, prepared, params.cursor, limit);
  return { data: rows, nextCursor };
}

/** Every column of one row (hidden ones included) as the engine and hooks see it. */
export function fullColumns(entity: EntityDescriptor): PreparedQuery {
  return {
    entity,
    where: sql<SqlBool>`true`,
    keys: [],
    columns: entity.allFields,
    customFields: [],
    includeCustom: entity.customFields === true,
  };
}

/**
 * One row the actor may access for `action`, or 404 (also for other workspaces' ids and rows
 * outside the actor's scope, so their existence is not revealed). `forUpdate` locks the row.
 */
export async function findRecord(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  id: string,
  options: { action?: Action; deleted?: boolean | 'any'; forUpdate?: boolean } = {},
): Promise<RecordRow> {
  const action = options.action ?? 'read';
  requireEntityPermission(actor, entity, action);
  if (!UUID.test(id)) throw notFound(entity.name);
  const full = fullColumns(entity);
  const deleted =
    options.deleted === 'any' ? sql`true` : options.deleted ? sql`t.deleted_at is not null` : sql`t.deleted_at is null`;
  const result = await sql<Record<string, unknown>>`select ${sql.join(selection(full))}
    from ${sql.table(entity.table)} as t
    where t.id = ${id}::uuid and ${accessWhere(actor, entity, action, 't')} and ${deleted}
    ${options.forUpdate ? sql`for update of t` : sql``}`.execute(db);
  const row = result.rows[0];
  if (!row) throw notFound(entity.name);
  return toApiRow(full, row);
}

/** Full rows by id, whatever their access or trash state (for the writer reading back what it wrote). */
export async function findRecordsByIds(db: Kysely<DB>, entity: EntityDescriptor, workspaceId: string, ids: string[]): Promise<Map<string, RecordRow>> {
  const full = fullColumns(entity);
  const result = await sql<Record<string, unknown>>`select ${sql.join(selection(full))}
    from ${sql.table(entity.table)} as t where t.workspace_id = ${workspaceId}::uuid and t.id = any(${ids}::uuid[])`.execute(db);
  return new Map(result.rows.map((row) => [String(row.id), toApiRow(full, row)]));
}

/** Public shape of a full row: hidden fields removed. */
export function publicRow(entity: EntityDescriptor, row: RecordRow): RecordRow {
  const out: Record<string, unknown> = { ...row };
  for (const f of entity.allFields) if (f.hidden) delete out[f.name];
  return out as RecordRow;
}
