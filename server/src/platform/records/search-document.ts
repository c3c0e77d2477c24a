import type { EntityDescriptor, RecordRow } from './descriptor.ts';

/** What the search index stores for one record (see search_document). */
export interface SearchDocumentData {
  title: string;
  subtitle: string | null;
  body: string | null;
  ownerId: string | null;
  orgUnitId: string | null;
}

const join = (row: RecordRow, names: string[] | undefined) => {
  const text = (names ?? [])
    .flatMap((n) => row[n])
    .filter((v) => v !== null && v !== undefined && v !== '')
    .join(' ');
  return text || null;
};

/**
 * The search document of a record from its descriptor's `search` (title/subtitle/body fields) and
 * its access columns, for the search index consumer; null when the entity is not searchable.
 */
export function searchDocumentFor(entity: EntityDescriptor, row: RecordRow): SearchDocumentData | null {
  if (!entity.search) return null;
  const byColumn = (column: string | undefined) => {
    const field = column ? entity.allFields.find((f) => f.column === column) : undefined;
    return field ? ((row[field.name] as string | null | undefined) ?? null) : null;
  };
  const scope = entity.scope === 'workspace' ? null : entity.scope;
  return {
    title: join(row, entity.search.title) ?? '',
    subtitle: join(row, entity.search.subtitle),
    body: join(row, entity.search.body),
    ownerId: byColumn(scope?.ownerColumns[0]),
    orgUnitId: byColumn(scope?.orgUnitColumn),
  };
}
