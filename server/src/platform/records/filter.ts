import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { AppError } from '../errors.ts';
import { findHostileInput } from '../http/input-guard.ts';
import { accessWhere } from './access.ts';
import type { CustomFieldDefinition } from './custom-fields.ts';
import { type EntityDescriptor, getEntity, type RelationDescriptor } from './descriptor.ts';
import { columnOperand, customOperand, type Operand, type ValueKind } from './fields.ts';
import { RELATIVE_RANGES, type RelativeRange, relativeRange } from './relative-dates.ts';

export const FILTER_OPS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'nin',
  'contains',
  'startsWith',
  'endsWith',
  'isNull',
  'between',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type FilterNode = { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode } | FilterLeaf;
export interface FilterLeaf {
  field: string;
  op: FilterOp;
  value?: unknown;
}

export const FILTER_LIMITS = { depth: 8, leaves: 100, inValues: 1000, stringLength: 1000 };

const ORDERED: FilterOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'between', 'isNull'];
const OPS_BY_KIND: Record<ValueKind, FilterOp[]> = {
  text: ['eq', 'ne', 'in', 'nin', 'contains', 'startsWith', 'endsWith', 'isNull'],
  enum: ['eq', 'ne', 'in', 'nin', 'isNull'],
  uuid: ['eq', 'ne', 'in', 'nin', 'isNull'],
  number: ORDERED,
  integer: ORDERED,
  date: ORDERED,
  datetime: ORDERED,
  boolean: ['eq', 'ne', 'isNull'],
  tags: ['contains', 'in', 'isNull'],
  multiselect: ['contains', 'in', 'isNull'],
  json: ['isNull'],
};

export interface FilterContext {
  entity: EntityDescriptor;
  customFields: CustomFieldDefinition[];
  actor: Actor;
  /** Today's date in the workspace's time zone (relative ranges). */
  today: string;
  timeZone: string;
}

const bad = (path: string, message: string) => new AppError('VALIDATION', `Invalid filter: ${message}`, { errors: [{ path, message }] });

/** Whether a filter tree uses relative dates (the caller then needs the workspace's time zone). */
export function usesRelativeDates(node: unknown): boolean {
  // walked with a stack of its own and only as deep as compileFilter allows: an untrusted tree
  // nested thousands of levels must reach compileFilter's depth check, not overflow the call stack
  const stack: [unknown, number][] = [[node, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || depth > 2 * FILTER_LIMITS.depth + 2) continue;
    if (!Array.isArray(current) && 'relative' in current) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Compiles a filter tree (untrusted JSON) to a parameterised SQL condition over table alias `t`.
 * Unknown fields, operators not valid for the field's type, malformed values and trees beyond the
 * limits throw AppError('VALIDATION') naming the path.
 */
export function compileFilter(node: unknown, ctx: FilterContext, path = 'filter'): RawBuilder<SqlBool> {
  const state = { leaves: 0, aliases: 0 };
  const condition = compileNode(node, ctx, path, 1, state);
  // a tree decoded from a query string never passed the HTTP input guard: the same check here
  // (after the depth check above, which names the filter's own limit)
  const hostile = findHostileInput(node, path);
  if (hostile) throw bad(hostile.path, hostile.message);
  return condition;
}

function compileNode(
  node: unknown,
  ctx: FilterContext,
  path: string,
  depth: number,
  state: { leaves: number; aliases: number },
): RawBuilder<SqlBool> {
  if (depth > FILTER_LIMITS.depth) throw bad(path, `nested deeper than ${FILTER_LIMITS.depth} levels`);
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw bad(path, 'expected an object');
  const keys = Object.keys(node);
  const obj = node as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const key = keys[0];
    const list = obj[key];
    if (!Array.isArray(list) || list.length === 0) throw bad(`${path}.${key}`, 'expected a non-empty array');
    const parts = list.map((child, i) => compileNode(child, ctx, `${path}.${key}[${i}]`, depth + 1, state));
    return sql<SqlBool>`(${sql.join(parts, key === 'and' ? sql` and ` : sql` or `)})`;
  }
  if (keys.length === 1 && keys[0] === 'not') {
    // Two-valued logic: a comparison with NULL counts as false, so `not` keeps rows without a value
    // (coalesce only here, leaves stay plain so indexes apply).
    return sql<SqlBool>`(not coalesce(${compileNode(obj.not, ctx, `${path}.not`, depth + 1, state)}, false))`;
  }
  state.leaves += 1;
  if (state.leaves > FILTER_LIMITS.leaves) throw bad(path, `more than ${FILTER_LIMITS.leaves} conditions`);
  for (const key of keys) {
    if (key !== 'field' && key !== 'op' && key !== 'value') throw bad(`${path}.${key}`, 'unknown key');
  }
  if (typeof obj.field !== 'string') throw bad(`${path}.field`, 'expected a field name');
  if (typeof obj.op !== 'string' || !(FILTER_OPS as readonly string[]).includes(obj.op)) {
    throw bad(`${path}.op`, `expected one of ${FILTER_OPS.join(', ')}`);
  }
  return compileLeaf({ field: obj.field, op: obj.op as FilterOp, value: obj.value }, ctx, path, state);
}

interface ResolvedPath {
  operand: Operand;
  relation?: { descriptor: RelationDescriptor; target: EntityDescriptor; alias: string };
}

/** Resolves a whitelisted field path: `name`, `custom.key`, or `relation.name` through a declared relation. */
export function resolveField(
  entity: EntityDescriptor,
  customFields: CustomFieldDefinition[],
  fieldPath: string,
  usage: 'filter' | 'sort',
  alias = 't',
): Operand | { relation: RelationDescriptor; target: EntityDescriptor; field: string } | null {
  const dot = fieldPath.indexOf('.');
  if (dot > 0) {
    const head = fieldPath.slice(0, dot);
    const rest = fieldPath.slice(dot + 1);
    if (head === 'custom') {
      if (!entity.customFields) return null;
      const def = customFields.find((d) => d.key === rest);
      if (!def) return null;
      const operand = customOperand(alias, def);
      if (usage === 'sort' && (operand.kind === 'multiselect' || operand.kind === 'json')) return null;
      return operand;
    }
    if (usage === 'sort') return null;
    const relation = entity.relations?.find((r) => r.name === head);
    const target = relation ? getEntity(relation.entity) : undefined;
    if (!relation || !target || rest.includes('.')) return null;
    return { relation, target, field: rest };
  }
  const field = entity.fieldByName.get(fieldPath);
  if (!field || field.hidden) return null;
  if (usage === 'filter' && !field.filterable) return null;
  if (usage === 'sort' && !field.sortable) return null;
  return columnOperand(alias, field);
}

function resolveLeafPath(fieldPath: string, ctx: FilterContext, path: string, state: { aliases: number }): ResolvedPath {
  const resolved = resolveField(ctx.entity, ctx.customFields, fieldPath, 'filter');
  if (!resolved) throw bad(`${path}.field`, `unknown or not filterable field "${fieldPath}"`);
  if ('expr' in resolved) return { operand: resolved };
  state.aliases += 1;
  const alias = `r${state.aliases}`;
  const inner = resolveField(resolved.target, [], resolved.field, 'filter', alias);
  if (!inner || !('expr' in inner)) throw bad(`${path}.field`, `unknown or not filterable field "${fieldPath}"`);
  return { operand: inner, relation: { descriptor: resolved.relation, target: resolved.target, alias } };
}

function compileLeaf(leaf: FilterLeaf, ctx: FilterContext, path: string, state: { aliases: number }): RawBuilder<SqlBool> {
  const { operand, relation } = resolveLeafPath(leaf.field, ctx, path, state);
  if (!OPS_BY_KIND[operand.kind].includes(leaf.op)) {
    throw bad(`${path}.op`, `operator "${leaf.op}" does not apply to field "${leaf.field}"`);
  }
  const condition = compileCondition(operand, leaf.op, leaf.value, ctx, `${path}.value`);
  if (!relation) return condition;
  const { descriptor, target, alias } = relation;
  const r = (column: string) => sql.ref(`${alias}.${column}`);
  const join =
    descriptor.kind === 'belongsTo'
      ? sql`${r('id')} = ${sql.ref(`t.${descriptor.column}`)}`
      : sql`${r(descriptor.column)} = ${sql.ref('t.id')}`;
  // The related rows are filtered by the actor's read access too, so a filter cannot probe hidden records.
  return sql<SqlBool>`exists (select 1 from ${sql.table(target.table)} as ${sql.id(alias)}
    where ${join} and ${r('deleted_at')} is null and ${accessWhere(ctx.actor, target, 'read', alias)} and ${condition})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^-?\d{1,20}(\.\d{1,10})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A single comparable value, validated for the kind and cast in SQL; throws naming the path. */
function scalar(kind: ValueKind, value: unknown, path: string, enumValues?: readonly string[]): RawBuilder<unknown> {
  const fail = (what: string) => bad(path, `expected ${what}`);
  switch (kind) {
    case 'text':
    case 'tags':
      if (typeof value !== 'string' || value.length > FILTER_LIMITS.stringLength) throw fail('a string');
      return sql`${value}::text`;
    case 'enum':
    case 'multiselect':
      if (typeof value !== 'string' || (enumValues && !enumValues.includes(value))) {
        throw fail(`one of ${(enumValues ?? []).join(', ')}`);
      }
      return sql`${value}::text`;
    case 'uuid':
      if (typeof value !== 'string' || !UUID.test(value)) throw fail('a UUID');
      return sql`${value}::uuid`;
    case 'number':
    case 'integer': {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof text !== 'string' || !DECIMAL.test(text)) throw fail('a number');
      if (kind === 'integer' && text.includes('.')) throw fail('an integer');
      return sql`${text}::numeric`;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return sql`${value}::boolean`;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw fail('a date YYYY-MM-DD');
      return sql`${value}::date`;
    case 'datetime':
      if (typeof value !== 'string' || !DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
        throw fail('an ISO date-time');
      }
      return sql`${value}::timestamptz`;
    case 'json':
      throw fail('no value');
  }
}

function relative(value: unknown): RelativeRange | null {
  if (typeof value !== 'object' || value === null || !('relative' in value)) return null;
  return (value as { relative: RelativeRange }).relative;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `@me` in a filter on a reference is the acting user: a saved view "mine" works for everyone it is shared with. */
export const ME = '@me';
const withMe = (value: unknown, userId: string): unknown =>
  value === ME ? userId : Array.isArray(value) ? value.map((v) => (v === ME ? userId : v)) : value;

function compileCondition(operand: Operand, op: FilterOp, given: unknown, ctx: FilterContext, path: string): RawBuilder<SqlBool> {
  const { expr, kind, enumValues } = operand;
  const value = kind === 'uuid' ? withMe(given, ctx.actor.userId) : given;
  if (op === 'isNull') {
    if (typeof value !== 'boolean') throw bad(path, 'expected true or false');
    const empty =
      kind === 'tags'
        ? sql<SqlBool>`coalesce(cardinality(${expr}), 0) = 0`
        : kind === 'multiselect'
          ? sql<SqlBool>`coalesce(jsonb_array_length(${expr}), 0) = 0`
          : sql<SqlBool>`${expr} is null`;
    return value ? empty : sql<SqlBool>`not (${empty})`;
  }
  const rel = relative(value);
  if (rel !== null) return relativeCondition(operand, op, rel, ctx, path);

  if (kind === 'tags' || kind === 'multiselect') {
    const values = op === 'in' ? list(value, path) : [value];
    const items = values.map((v, i) => scalar(kind, v, op === 'in' ? `${path}[${i}]` : path, enumValues));
    if (kind === 'tags') return sql<SqlBool>`${expr} && array[${sql.join(items)}]::text[]`;
    return sql<SqlBool>`exists (select 1 from jsonb_array_elements_text(${expr}) as e(v) where e.v in (${sql.join(items)}))`;
  }
  switch (op) {
    case 'eq':
      return sql<SqlBool>`${expr} = ${scalar(kind, value, path, enumValues)}`;
    case 'ne':
      return sql<SqlBool>`${expr} is distinct from ${scalar(kind, value, path, enumValues)}`;
    case 'lt':
      return sql<SqlBool>`${expr} < ${scalar(kind, value, path)}`;
    case 'lte':
      return sql<SqlBool>`${expr} <= ${scalar(kind, value, path)}`;
    case 'gt':
      return sql<SqlBool>`${expr} > ${scalar(kind, value, path)}`;
    case 'gte':
      return sql<SqlBool>`${expr} >= ${scalar(kind, value, path)}`;
    case 'in':
    case 'nin': {
      const items = list(value, path).map((v, i) => scalar(kind, v, `${path}[${i}]`, enumValues));
      return op === 'in'
        ? sql<SqlBool>`${expr} in (${sql.join(items)})`
        : sql<SqlBool>`(${expr} is null or ${expr} not in (${sql.join(items)}))`;
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) throw bad(path, 'expected [from, to]');
      return sql<SqlBool>`${expr} between ${scalar(kind, value[0], `${path}[0]`)} and ${scalar(kind, value[1], `${path}[1]`)}`;
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      if (typeof value !== 'string' || value.length === 0 || value.length > FILTER_LIMITS.stringLength) {
        throw bad(path, 'expected a non-empty string');
      }
      const needle = sql`kontakt_normalize(${escapeLike(value)}::text)`;
      const pattern =
        op === 'contains' ? sql`'%' || ${needle} || '%'` : op === 'startsWith' ? sql`${needle} || '%'` : sql`'%' || ${needle}`;
      return sql<SqlBool>`kontakt_normalize(${expr}) like ${pattern} escape '\\'`;
    }
  }
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw bad(path, 'expected a non-empty array');
  if (value.length > FILTER_LIMITS.inValues) throw bad(path, `more than ${FILTER_LIMITS.inValues} values`);
  return value;
}

function relativeCondition(operand: Operand, op: FilterOp, range: unknown, ctx: FilterContext, path: string): RawBuilder<SqlBool> {
  const { expr, kind } = operand;
  if (kind !== 'date' && kind !== 'datetime') throw bad(path, 'relative dates apply to date fields only');
  if (typeof range !== 'string' || !(RELATIVE_RANGES as readonly string[]).includes(range)) {
    throw bad(`${path}.relative`, `expected one of ${RELATIVE_RANGES.join(', ')}`);
  }
  const { from, to } = relativeRange(range as RelativeRange, ctx.today);
  // Calendar bounds become instants at local midnight of the workspace's zone for date-time columns.
  const bound = (d: string) =>
    kind === 'date' ? sql`${d}::date` : sql`((${d}::date)::timestamp at time zone ${ctx.timeZone}::text)`;
  const within = sql<SqlBool>`(${expr} >= ${bound(from)} and ${expr} < ${bound(to)})`;
  switch (op) {
    case 'eq':
      return within;
    case 'ne':
      return sql<SqlBool>`(${expr} is null or not ${within})`;
    case 'lt':
      return sql<SqlBool>`${expr} < ${bound(from)}`;
    case 'gte':
      return sql<SqlBool>`${expr} >= ${bound(from)}`;
    case 'lte':
      return sql<SqlBool>`${expr} < ${bound(to)}`;
    case 'gt':
      return sql<SqlBool>`${expr} >= ${bound(to)}`;
    default:
      throw bad(path, `operator "${op}" does not take a relative date`);
  }
}
