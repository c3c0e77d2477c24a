import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { CustomFieldDefinition } from './custom-fields.ts';
import type { EntityDescriptor } from './descriptor.ts';
import { type Operand, SQL_TYPE } from './fields.ts';
import { resolveField } from './filter.ts';

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
  operand: Operand;
}

const MAX_SORT_KEYS = 5;

/**
 * Text is sorted in the Unicode collation's root order (ICU, CLDR root), which PGlite and PostgreSQL
 * both have: Î, Ł, Ö, Ş sort with their letters, not after Z, and ş/ș, ţ/ț are the same letter.
 * The sort indexes are built in it (docs/decisions/0005-text-sort-collation.md).
 */
export const TEXT_SORT_COLLATION = 'und-x-icu';
const bad = (path: string, message: string) => new AppError('VALIDATION', message, { errors: [{ path, message }] });

/** Parses `-updatedAt,name` into whitelisted sort keys (the id tiebreaker is added by the query). */
export function parseSort(spec: string, entity: EntityDescriptor, customFields: CustomFieldDefinition[]): SortKey[] {
  const parts = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length > MAX_SORT_KEYS) throw bad('sort', `At most ${MAX_SORT_KEYS} sort fields`);
  const seen = new Set<string>();
  return parts.map((part) => {
    const direction = part.startsWith('-') ? 'desc' : 'asc';
    const field = part.replace(/^[-+]/, '');
    const operand = resolveField(entity, customFields, field, 'sort');
    if (!operand || !('expr' in operand) || seen.has(field)) throw bad('sort', `Cannot sort by "${field}"`);
    seen.add(field);
    // what people write sorts by the collation; what the system writes (numbers, tree paths) as written
    const written = operand.kind === 'text' && !entity.fieldByName.get(field)?.readOnly;
    return { field, direction, operand: written ? { ...operand, expr: sql`${operand.expr} collate ${sql.id(TEXT_SORT_COLLATION)}` } : operand };
  });
}

/**
 * ORDER BY with NULLS LAST in both directions and `id` as the final tiebreaker. A column that is never
 * NULL is ordered plainly, as its index is (`desc` is NULLS FIRST to the planner, which would otherwise
 * sort the whole table instead of reading the index).
 */
export function orderBy(keys: SortKey[]): RawBuilder<unknown> {
  const parts = keys.map((k) => sql`${k.operand.expr} ${sql.raw(k.direction)}${sql.raw(k.operand.notNull ? '' : ' nulls last')}`);
  return sql.join([...parts, sql`${sql.ref('t.id')} asc`]);
}

/** The sort expressions as text columns `zsort<i>`, read back to build the next cursor. */
export function sortSelections(keys: SortKey[]): RawBuilder<unknown>[] {
  return keys.map((k, i) => sql`(${k.operand.expr})::text as ${sql.id(`zsort${i}`)}`);
}

interface CursorData {
  s: string;
  v: (string | null)[];
  i: string;
}

const specOf = (keys: SortKey[]) => keys.map((k) => `${k.direction === 'desc' ? '-' : ''}${k.field}`).join(',');

/** Opaque cursor after a row: its sort values and id, bound to the sort it was made for. */
export function encodeCursor(keys: SortKey[], row: Record<string, unknown>): string {
  const data: CursorData = {
    s: specOf(keys),
    v: keys.map((_, i) => (row[`zsort${i}`] as string | null | undefined) ?? null),
    i: String(row.id),
  };
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VALUE_SHAPE: Partial<Record<string, RegExp>> = {
  numeric: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)?$/,
  boolean: /^(true|false)$/,
  uuid: UUID,
};

/** Decodes and checks a cursor against the current sort; anything tampered or stale → 400. */
export function decodeCursor(cursor: string, keys: SortKey[]): CursorData {
  const invalid = () => bad('cursor', 'Invalid or expired cursor');
  let data: CursorData;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorData;
  } catch {
    throw invalid();
  }
  if (typeof data !== 'object' || data === null || data.s !== specOf(keys) || typeof data.i !== 'string' || !UUID.test(data.i)) {
    throw invalid();
  }
  if (!Array.isArray(data.v) || data.v.length !== keys.length) throw invalid();
  data.v.forEach((value, i) => {
    if (value === null) return;
    const shape = VALUE_SHAPE[SQL_TYPE[keys[i]!.operand.kind]];
    if (typeof value !== 'string' || value.length > 10_000 || (shape && !shape.test(value))) throw invalid();
  });
  return data;
}

/**
 * Rows strictly after the cursor in the (mixed-direction, NULLS LAST) order: the expanded
 * row-value comparison (k1 > v1) or (k1 = v1 and k2 > v2) … where "after" a non-null value
 * includes NULLs and nothing non-null comes after a NULL.
 */
export function afterCursor(keys: SortKey[], cursor: CursorData): RawBuilder<SqlBool> {
  const cast = (i: number) => sql`${cursor.v[i]}::${sql.raw(SQL_TYPE[keys[i]!.operand.kind])}`;
  const equal = (i: number) =>
    cursor.v[i] === null ? sql`${keys[i]!.operand.expr} is null` : sql`${keys[i]!.operand.expr} = ${cast(i)}`;
  const disjuncts: RawBuilder<unknown>[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const prefix = Array.from({ length: i }, (_, j) => equal(j));
    let after: RawBuilder<unknown>;
    if (i === keys.length) {
      after = sql`${sql.ref('t.id')} > ${cursor.i}::uuid`;
    } else {
      if (cursor.v[i] === null) continue;
      const k = keys[i]!;
      const beyond = sql`${k.operand.expr} ${sql.raw(k.direction === 'asc' ? '>' : '<')} ${cast(i)}`;
      after = k.operand.notNull ? beyond : sql`(${beyond} or ${k.operand.expr} is null)`;
    }
    disjuncts.push(sql`(${sql.join([...prefix, after], sql` and `)})`);
  }
  return sql<SqlBool>`(${sql.join(disjuncts, sql` or `)})`;
}
