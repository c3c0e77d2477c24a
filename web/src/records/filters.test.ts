import { describe, expect, it } from 'vitest';
import { fromFilterTree, opsFor, sortParam, toFilterTree } from './filters.ts';

const types: Record<string, string> = { name: 'string', qty: 'integer', active: 'boolean', createdAt: 'datetime' };
const typeOf = (f: string) => types[f] ?? 'string';

describe('filter builder', () => {
  it('offers the conditions the engine accepts for each type', () => {
    expect(opsFor('string')).toContain('contains');
    expect(opsFor('integer')).not.toContain('contains');
    expect(opsFor('datetime')[0]).toBe('relative');
    expect(opsFor('boolean')).toEqual(['eq', 'isNull']);
  });

  it('reads a date-time typed in the builder as the user’s wall-clock time, and shows a saved one back the same way', () => {
    const zone = 'Europe/Bucharest';
    expect(toFilterTree([{ field: 'createdAt', op: 'gte', value: '2026-07-15T10:00' }], 'and', typeOf, zone))
      .toEqual({ field: 'createdAt', op: 'gte', value: '2026-07-15T07:00:00.000Z' });
    expect(toFilterTree([{ field: 'createdAt', op: 'between', value: '2026-01-15T10:00, 2026-01-16T10:00' }], 'and', typeOf, zone))
      .toEqual({ field: 'createdAt', op: 'between', value: ['2026-01-15T08:00:00.000Z', '2026-01-16T08:00:00.000Z'] });
    expect(fromFilterTree({ field: 'createdAt', op: 'gte', value: '2026-07-15T07:00:00.000Z' }, zone).rules)
      .toEqual([{ field: 'createdAt', op: 'gte', value: '2026-07-15T10:00' }]);
    expect(toFilterTree([{ field: 'createdAt', op: 'gte', value: '2026-07-15T10:00' }], 'and', typeOf, 'Pacific/Kiritimati'))
      .toEqual({ field: 'createdAt', op: 'gte', value: '2026-07-14T20:00:00.000Z' });
  });

  it('builds the engine’s filter tree with typed values and relative dates', () => {
    expect(
      toFilterTree(
        [
          { field: 'name', op: 'contains', value: 'Kovács' },
          { field: 'qty', op: 'gte', value: '10' },
          { field: 'active', op: 'eq', value: 'true' },
          { field: 'createdAt', op: 'relative', value: 'last_30_days' },
          { field: 'name', op: 'eq', value: '' },
        ],
        'and',
        typeOf,
      ),
    ).toEqual({
      and: [
        { field: 'name', op: 'contains', value: 'Kovács' },
        { field: 'qty', op: 'gte', value: 10 },
        { field: 'active', op: 'eq', value: true },
        { field: 'createdAt', op: 'eq', value: { relative: 'last_30_days' } },
      ],
    });
    expect(toFilterTree([{ field: 'name', op: 'isNull', value: '' }], 'or', typeOf)).toEqual({ field: 'name', op: 'isNull', value: true });
    expect(toFilterTree([{ field: 'qty', op: 'between', value: '5, 10' }], 'and', typeOf)).toEqual({ field: 'qty', op: 'between', value: [5, 10] });
    expect(toFilterTree([{ field: 'qty', op: 'between', value: '5' }], 'and', typeOf)).toBeUndefined();
    expect(toFilterTree([{ field: 'name', op: 'in', value: 'Cluj, Iași' }], 'and', typeOf)).toEqual({ field: 'name', op: 'in', value: ['Cluj', 'Iași'] });
    expect(toFilterTree([], 'and', typeOf)).toBeUndefined();
  });

  it('writes multi-sort as the API expects', () => {
    expect(sortParam([{ id: 'updatedAt', desc: true }, { id: 'name', desc: false }])).toBe('-updatedAt,name');
  });

  it('reads a saved flat tree back into rules', () => {
    const rules = [
      { field: 'name', op: 'contains', value: 'Kovács' },
      { field: 'createdAt', op: 'relative', value: 'this_month' },
    ];
    expect(fromFilterTree(toFilterTree(rules, 'or', typeOf))).toEqual({ rules, match: 'or' });
    expect(fromFilterTree({ not: { field: 'x', op: 'eq', value: 1 } })).toEqual({ rules: [], match: 'and' });
  });
});
