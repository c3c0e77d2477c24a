import type { FieldType } from '../app/meta.ts';
import { fromZonedInput, toZonedInput, userTimeZone } from '../app/time-zone.ts';

/** One line of the filter builder; `relative` is the UI's name for eq + {relative: range}. */
export interface FilterRule {
  field: string;
  op: string;
  value: string;
}

export const RELATIVE_RANGES = [
  'today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'this_year',
  'last_7_days', 'last_30_days', 'next_7_days', 'next_30_days',
] as const;

const TEXT = ['contains', 'eq', 'ne', 'startsWith', 'endsWith', 'in', 'nin', 'isNull'];
const ORDERED = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'nin', 'isNull'];

/** Values of `in`, `nin` (a list) and `between` (two bounds) are typed comma-separated. */
export const LIST_OPS = new Set(['in', 'nin', 'between']);

/** The conditions the records engine accepts for a field type. */
export function opsFor(type: FieldType | string): string[] {
  switch (type) {
    case 'number':
    case 'integer':
    case 'money':
      return ORDERED;
    case 'date':
    case 'datetime':
      return ['relative', ...ORDERED];
    case 'boolean':
      return ['eq', 'isNull'];
    case 'enum':
    case 'select':
    case 'uuid':
    case 'reference':
      return ['eq', 'ne', 'in', 'nin', 'isNull'];
    case 'tags':
    case 'multiselect':
      return ['contains', 'isNull'];
    case 'json':
      return ['isNull'];
    default:
      return TEXT;
  }
}

type Leaf = { field: string; op: string; value: unknown };

// a date-time typed in the builder ("2026-03-02T09:00") is the user's wall-clock time: sent as the UTC instant
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const instantOf = (value: string, zone: string) => (LOCAL_DATETIME.test(value) ? (fromZonedInput(value, zone) ?? value) : value);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function leaf(rule: FilterRule, type: string, zone: string): Leaf | null {
  if (rule.op === 'isNull') return { field: rule.field, op: 'isNull', value: rule.value !== 'false' };
  if (rule.value === '') return null;
  if (rule.op === 'relative') return { field: rule.field, op: 'eq', value: { relative: rule.value } };
  if (type === 'boolean') return { field: rule.field, op: rule.op, value: rule.value === 'true' };
  if (type === 'datetime' && !LIST_OPS.has(rule.op)) return { field: rule.field, op: rule.op, value: instantOf(rule.value, zone) };
  if (LIST_OPS.has(rule.op)) {
    const numeric = type === 'number' || type === 'integer';
    const items = rule.value.split(',').map((v) => v.trim()).filter(Boolean)
      .map((v) => (numeric && !Number.isNaN(Number(v)) ? Number(v) : type === 'datetime' ? instantOf(v, zone) : v));
    if (rule.op === 'between' && items.length !== 2) return null;
    return items.length ? { field: rule.field, op: rule.op, value: items } : null;
  }
  if ((type === 'number' || type === 'integer') && !Number.isNaN(Number(rule.value))) {
    return { field: rule.field, op: rule.op, value: Number(rule.value) };
  }
  return { field: rule.field, op: rule.op, value: rule.value };
}

/** The engine's filter tree for the builder's rules (incomplete rules are left out); undefined when empty. */
export function toFilterTree(rules: FilterRule[], match: 'and' | 'or', typeOf: (field: string) => string, zone: string = userTimeZone()): object | undefined {
  const leaves = rules.map((r) => leaf(r, typeOf(r.field), zone)).filter((l): l is Leaf => l !== null);
  if (leaves.length === 0) return undefined;
  if (leaves.length === 1) return leaves[0];
  return { [match]: leaves };
}

/** Sort state as the API's `sort` parameter: "-updatedAt,name". */
export const sortParam = (sort: { id: string; desc: boolean }[]) => sort.map((s) => `${s.desc ? '-' : ''}${s.id}`).join(',');

/** Back from a flat filter tree (what the builder writes) to the builder's rules; deeper trees give []. */
export function fromFilterTree(tree: unknown, zone: string = userTimeZone()): { rules: FilterRule[]; match: 'and' | 'or' } {
  const shown = (v: unknown) => (typeof v === 'string' && INSTANT.test(v) ? toZonedInput(v, zone) : v);
  const toRule = (node: unknown): FilterRule | null => {
    if (!node || typeof node !== 'object' || !('field' in node)) return null;
    const leaf = node as { field: string; op: string; value: unknown };
    if (leaf.value && typeof leaf.value === 'object' && 'relative' in leaf.value) {
      return { field: leaf.field, op: 'relative', value: String((leaf.value as { relative: string }).relative) };
    }
    const value = Array.isArray(leaf.value) ? leaf.value.map(shown).join(', ') : shown(leaf.value);
    return { field: leaf.field, op: leaf.op, value: value === null || value === undefined ? '' : String(value) };
  };
  if (tree && typeof tree === 'object') {
    for (const match of ['and', 'or'] as const) {
      const list = (tree as Record<string, unknown>)[match];
      if (Array.isArray(list)) {
        const rules = list.map(toRule);
        return rules.every((r) => r !== null) ? { rules: rules as FilterRule[], match } : { rules: [], match: 'and' };
      }
    }
  }
  const single = toRule(tree);
  return { rules: single ? [single] : [], match: 'and' };
}
