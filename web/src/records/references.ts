import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../app/api.ts';
import { useMeta } from '../app/meta.ts';

/** Display names of referenced records (one query per target entity for the ids on screen). */
export function useReferenceNames(target: string | undefined, ids: string[]) {
  const meta = useMeta();
  const entity = meta.data?.entities.find((e) => e.name === target);
  const unique = [...new Set(ids)].sort().slice(0, 500);
  const query = useQuery({
    queryKey: ['names', target, unique],
    queryFn: () =>
      api<{ data: { id: string; name?: string; fullName?: string; title?: string }[] }>(
        `${entity!.path}${qs({ filter: JSON.stringify({ field: 'id', op: 'in', value: unique }), limit: 500 })}`,
      ),
    enabled: Boolean(entity) && unique.length > 0,
    staleTime: 60_000,
  });
  return new Map((query.data?.data ?? []).map((r) => [r.id, String(r.name ?? r.fullName ?? r.title ?? r.id)]));
}
