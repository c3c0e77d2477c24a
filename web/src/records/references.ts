import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../app/api.ts';
import { type EntityMeta, useMeta } from '../app/meta.ts';

/** What names a record of `entity` (its display field), or its id when it has none. */
export function displayName(entity: Pick<EntityMeta, 'displayField'> | undefined, row: Record<string, unknown>): string {
  const value = entity?.displayField ? row[entity.displayField] : undefined;
  return value === null || value === undefined || value === '' ? String(row.id) : String(value);
}

/** Display names of referenced records (one query per target entity for the ids on screen). */
export function useReferenceNames(target: string | undefined, ids: string[]) {
  const meta = useMeta();
  const entity = meta.data?.entities.find((e) => e.name === target);
  const unique = [...new Set(ids)].sort().slice(0, 500);
  const query = useQuery({
    queryKey: ['names', target, unique],
    queryFn: () =>
      api<{ data: Record<string, unknown>[] }>(
        `${entity!.path}${qs({ filter: JSON.stringify({ field: 'id', op: 'in', value: unique }), limit: 500, fields: entity!.displayField ? `id,${entity!.displayField}` : 'id' })}`,
      ),
    enabled: Boolean(entity) && unique.length > 0,
    staleTime: 60_000,
  });
  return new Map((query.data?.data ?? []).map((r) => [String(r.id), displayName(entity, r)]));
}
