import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { scopeWhere } from '../access/scope.ts';
import { entityScope } from '../records/access.ts';
import { listEntities } from '../records/descriptor.ts';

export interface SearchHit {
  entity: string;
  id: string;
  title: string;
  subtitle: string | null;
  rank: number;
}

/** Per searchable entity the actor may read: the rows of search_document they may see. */
function visibleDocuments(actor: Actor, only?: string): Expression<SqlBool> | null {
  const parts: Expression<SqlBool>[] = [];
  for (const entity of listEntities()) {
    if (!entity.search || (only && entity.name !== only)) continue;
    const scope = entityScope(actor, entity, 'read');
    if (scope === 'none') continue;
    const rows =
      entity.scope === 'workspace' || entity.readableByMembers
        ? sql<SqlBool>`true`
        : scopeWhere(actor, entity.area, 'read', {
            entity: entity.name,
            idColumn: 'd.record_id',
            ownerColumns: ['d.owner_id'],
            orgUnitColumn: entity.scope.orgUnitColumn ? 'd.org_unit_id' : undefined,
          });
    parts.push(sql<SqlBool>`(d.entity = ${entity.name} and ${rows})`);
  }
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : null;
}

/**
 * Global search: word prefixes over the unaccented, transliterated text ("lodz" finds "Łódź",
 * "shevchenko" finds "Шевченко") plus trigram similarity on titles for typos; ranked; only
 * documents the actor may read, in the actor's workspace.
 */
export async function search(db: Kysely<DB>, actor: Actor, q: string, options: { limit: number; entity?: string }): Promise<SearchHit[]> {
  const visible = visibleDocuments(actor, options.entity);
  if (!visible || !q.trim()) return [];
  // "word_similarity(q, title) > 0.5" written as the operator `<%` with its threshold at 0.5 for this
  // transaction only: the trigram index answers the operator, while the function call made every
  // search read all the workspace's documents (1.4 s with 400,000 of them)
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`.execute(trx);
    const { rows } = await sql<SearchHit>`
    with query as (
      select kontakt_normalize(${q}) as norm,
        nullif(array_to_string(array(
          select quote_literal(w) || ':*' from regexp_split_to_table(kontakt_normalize(${q}), '[^[:alnum:]]+') as w
          where w <> '' limit 8), ' & '), '') as prefix
    )
    select d.entity, d.record_id as id, d.title, d.subtitle,
      (coalesce(ts_rank(d.tsv, to_tsquery('simple', query.prefix)), 0) + similarity(d.normalized_title, query.norm))::float8 as rank
    from search_document d, query
    where d.workspace_id = ${actor.workspaceId}
      and ${visible}
      and ((query.prefix is not null and d.tsv @@ to_tsquery('simple', query.prefix))
        or d.normalized_title % query.norm
        or query.norm <% d.normalized_title)
    order by rank desc, d.title
    limit ${options.limit}`.execute(trx.withoutPlugins());
    return rows;
  });
}
