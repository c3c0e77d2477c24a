import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OutboxEvent } from '../jobs/outbox.ts';
import { type EntityDescriptor, getEntity } from '../records/descriptor.ts';
import { toApiRow } from '../records/query.ts';
import { searchDocumentFor } from '../records/search-document.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Brings the search documents of some records of one entity up to date: live rows are upserted
 * (one statement), trashed or vanished ones removed. Safe to repeat (the outbox may deliver twice).
 */
export async function reindexRecords(db: Executor, entity: EntityDescriptor, ids: string[]): Promise<void> {
  if (ids.length === 0 || !entity.search) return;
  const columns = entity.allFields;
  const { rows } = await sql<Record<string, unknown>>`
    select t.workspace_id as "workspaceId", t.deleted_at as "deletedAt",
      ${sql.join(columns.map((f) => sql`${sql.ref(`t.${f.column}`)} as ${sql.id(f.name)}`))}
    from ${sql.table(entity.table)} as t
    where t.id = any(${ids}::uuid[])`.execute(db.withoutPlugins());
  const live = rows.filter((r) => !r.deletedAt);
  const liveIds = new Set(live.map((r) => String(r.id)));
  const gone = ids.filter((id) => !liveIds.has(id));
  if (gone.length) {
    await db.deleteFrom('searchDocument').where('entity', '=', entity.name).where('recordId', 'in', gone).execute();
  }
  const docs = live
    .map((row) => {
      const data = searchDocumentFor(entity, toApiRow({ columns, includeCustom: false }, row));
      return data ? { row, data } : null;
    })
    .filter((d) => d !== null);
  if (docs.length === 0) return;
  await sql`
    insert into search_document (workspace_id, entity, record_id, title, subtitle, body, owner_id, org_unit_id,
      normalized_title, tsv, updated_at)
    select d.workspace_id, ${entity.name}, d.record_id, d.title, d.subtitle, d.body, d.owner_id, d.org_unit_id,
      kontakt_normalize(d.title),
      -- codes like RO1590082 are also found by their digits alone: the text, then a copy split at letter-digit joints
      to_tsvector('simple', kontakt_normalize(concat_ws(' ', d.title, d.subtitle, d.body)) || ' ' ||
        regexp_replace(kontakt_normalize(concat_ws(' ', d.title, d.subtitle, d.body)), '([a-z])([0-9])', '\\1 \\2', 'g')),
      now()
    from jsonb_to_recordset(${JSON.stringify(
      docs.map(({ row, data }) => ({
        workspace_id: row.workspaceId,
        record_id: row.id,
        title: data.title,
        subtitle: data.subtitle,
        body: data.body,
        owner_id: data.ownerId,
        org_unit_id: data.orgUnitId,
      })),
    )}::jsonb) as d(workspace_id uuid, record_id uuid, title text, subtitle text, body text, owner_id uuid, org_unit_id uuid)
    on conflict (workspace_id, entity, record_id) do update set
      title = excluded.title, subtitle = excluded.subtitle, body = excluded.body, owner_id = excluded.owner_id,
      org_unit_id = excluded.org_unit_id, normalized_title = excluded.normalized_title, tsv = excluded.tsv,
      updated_at = now()`.execute(db.withoutPlugins());
}

/** Outbox consumer: reindexes every searchable record an event names, once per batch. */
export async function indexFromEvents(events: OutboxEvent[], trx: Transaction<DB>): Promise<void> {
  const byEntity = new Map<string, Set<string>>();
  for (const event of events) {
    if (!event.recordId || !getEntity(event.entity)?.search) continue;
    const set = byEntity.get(event.entity) ?? new Set<string>();
    set.add(event.recordId);
    byEntity.set(event.entity, set);
  }
  for (const [name, ids] of byEntity) await reindexRecords(trx, getEntity(name)!, [...ids]);
}
