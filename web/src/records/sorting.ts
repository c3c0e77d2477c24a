import type { SortingState } from '@tanstack/react-table';
import type { EntityMeta } from '../app/meta.ts';

/** The list's sort as the server applies it when none is asked for (`-updatedAt,name` → column states). */
export function defaultSorting(entity: Pick<EntityMeta, 'defaultSort'>): SortingState {
  return entity.defaultSort
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ id: s.replace(/^[-+]/, ''), desc: s.startsWith('-') }));
}

/** Whether a list column can be sorted by: the entity's own sortable fields, custom fields but multi-choice ones. */
export function canSortColumn(entity: Pick<EntityMeta, 'fields' | 'customFields'>, column: string): boolean {
  const field = entity.fields.find((f) => f.name === column);
  if (field) return field.sortable;
  const custom = entity.customFields.find((c) => c.path === column);
  return Boolean(custom) && custom!.type !== 'multiselect';
}

/** The arrow shown beside a sorted column's title. */
export const sortIndicator = (direction: false | 'asc' | 'desc') => (direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '');
