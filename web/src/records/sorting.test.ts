import { describe, expect, it } from 'vitest';
import type { EntityMeta } from '../app/meta.ts';
import { canSortColumn, defaultSorting } from './sorting.ts';

const field = (name: string, sortable: boolean) => ({ name, sortable }) as EntityMeta['fields'][number];
const custom = (key: string, type: string) => ({ key, path: `custom.${key}`, type, label: {}, options: null, required: false });

describe('list sorting', () => {
  it('starts from the sort the server applies, so its column shows the arrow', () => {
    expect(defaultSorting({ defaultSort: 'name' })).toEqual([{ id: 'name', desc: false }]);
    expect(defaultSorting({ defaultSort: '-updatedAt,name' })).toEqual([{ id: 'updatedAt', desc: true }, { id: 'name', desc: false }]);
  });

  it('lets every sortable column be sorted, and no other', () => {
    const entity = { fields: [field('name', true), field('notes', false)], customFields: [custom('level', 'number'), custom('tags', 'multiselect')] };
    expect(canSortColumn(entity, 'name')).toBe(true);
    expect(canSortColumn(entity, 'notes')).toBe(false);
    expect(canSortColumn(entity, 'custom.level')).toBe(true);
    expect(canSortColumn(entity, 'custom.tags')).toBe(false);
    expect(canSortColumn(entity, 'unknown')).toBe(false);
  });
});
