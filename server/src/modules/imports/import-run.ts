// Running an import (the job): rows read in batches, prepared and checked, duplicates found in the file
// and in the workspace, new records created set-based, each batch in one transaction.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, JsonValue } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { loadActor } from '../../platform/access/load-actor.ts';
import { recordChange } from '../../platform/audit/record-change.ts';
import { AppError } from '../../platform/errors.ts';
import type { BlobStore } from '../../platform/files/blob-store.ts';
import type { JobRow } from '../../platform/jobs/queue.ts';
import { notify } from '../../platform/notifications/notify.ts';
import { loadCustomFields } from '../../platform/records/custom-fields.ts';
import type { EntityDescriptor } from '../../platform/records/descriptor.ts';
import { type CreateOutcome, createRecord, createRecords, updateRecord } from '../../platform/records/write.ts';
import { linkContact } from '../partners/partner-contact.service.ts';
import { BATCH_SIZE, type Db, displayCell, importableEntity } from './import.service.ts';
import {
  type Cell,
  type Delimiter,
  type Encoding,
  type FileRow,
  type ImportFormat,
  readRows,
} from './read-file.ts';
import { toCommaBelow } from './romanian-letters.ts';
import {
  convertCell,
  type ImportTarget,
  importTargets,
  normalizeLabel,
} from './targets.ts';


interface Reason {
  column?: string;
  field?: string;
  message: string;
}

interface PreparedRow {
  rowNumber: number;
  cells: Cell[];
  values: Record<string, unknown>;
  custom: Record<string, unknown>;
  partnerRef?: string;
  reasons: Reason[];
  /** What the row says its tax ID, country and name are; made keys by normaliseKeys. */
  typed: { taxId?: string; country?: string; name?: string };
  /** The keys duplicates are found by: the tax number (tax_id_key), e-mail, normalised name. */
  keys: { taxId?: string; email?: string; nameKey?: string };
}

interface Existing {
  id: string;
  taxId: string | null;
  email: string | null;
  nameKey: string;
}

/** References by name: users by e-mail or name, partner groups, campaigns and org units by name (or code). */
async function referenceResolver(db: Db, workspaceId: string) {
  const users = await db.selectFrom('users').select(['id', 'name', 'email']).where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).execute();
  const groups = await db.selectFrom('partnerGroup').select(['id', 'name']).where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).execute();
  const units = await db.selectFrom('orgUnit').select(['id', 'name', 'code']).where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).execute();
  const campaigns = await db.selectFrom('campaign').select(['id', 'name']).where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).execute();
  const map = (entries: [string | null, string][]) => {
    const m = new Map<string, string>();
    for (const [k, v] of entries) if (k) m.set(normalizeLabel(k), v);
    return m;
  };
  const byTarget: Record<string, Map<string, string>> = {
    user: map([...users.map((u) => [u.name, u.id] as [string, string]), ...users.map((u) => [u.email, u.id] as [string, string])]),
    partnerGroup: map(groups.map((g) => [g.name, g.id])),
    orgUnit: map([...units.map((u) => [u.name, u.id] as [string, string]), ...units.map((u) => [u.code, u.id] as [string | null, string])]),
    campaign: map(campaigns.map((c) => [c.name, c.id])),
  };
  return (target: string, text: string): string | undefined => byTarget[target]?.get(normalizeLabel(text));
}

function prepareRow(
  entity: EntityDescriptor,
  headers: string[],
  mapping: (string | null)[],
  targets: Map<string, ImportTarget>,
  resolve: (target: string, text: string) => string | undefined,
  rowNumber: number,
  { cells, problem }: FileRow,
): PreparedRow {
  const row: PreparedRow = { rowNumber, cells, values: {}, custom: {}, reasons: [], typed: {}, keys: {} };
  if (problem) {
    // a line that could not be read (a quote left open): nothing of it is taken
    const column = headers[problem.column];
    const field = mapping[problem.column];
    row.reasons.push({ ...(column !== undefined ? { column } : {}), ...(field ? { field } : {}), message: problem.message });
    return row;
  }
  mapping.forEach((key, i) => {
    if (!key) return;
    const target = targets.get(key)!;
    const cell = cells[i] ?? null;
    const converted = convertCell(target, cell);
    if ('error' in converted) {
      row.reasons.push({ column: headers[i], field: key, message: converted.error });
      return;
    }
    if (converted.value === undefined) return;
    if (target.type === 'link') row.partnerRef = String(converted.value);
    else if (target.reference) {
      const id = resolve(target.reference, String(converted.value));
      if (id) row.values[key] = id;
      else row.reasons.push({ column: headers[i], field: key, message: 'import.errors.reference' });
    } else if (target.custom) row.custom[target.custom.key] = converted.value;
    else row.values[key] = converted.value;
  });
  if (Object.keys(row.custom).length) row.values.custom = row.custom;
  for (const [key, t] of targets) {
    if (t.required && !t.custom && (row.values[key] === undefined || row.values[key] === '')) {
      const column = headers[mapping.indexOf(key)];
      if (!row.reasons.some((r) => r.field === key)) row.reasons.push({ column, field: key, message: 'import.errors.required' });
    }
  }
  // the keys duplicates are found by
  const email = typeof row.values.email === 'string' ? row.values.email.toLowerCase() : undefined;
  if (email) row.keys.email = email;
  if (entity.name === 'partner') {
    if (typeof row.values.taxId === 'string' && row.values.taxId) row.typed.taxId = row.values.taxId;
    if (typeof row.values.country === 'string' && row.values.country) row.typed.country = row.values.country;
    if (typeof row.values.name === 'string') row.typed.name = row.values.name;
  } else {
    const full = [row.values.firstName, row.values.lastName].filter((v) => typeof v === 'string' && v).join(' ');
    if (full) row.typed.name = full;
  }
  return row;
}

/**
 * The rows' keys in the database's normal forms, one query per batch: names unaccented, transliterated,
 * lower case (kontakt_normalize); tax IDs by their number in their country (kontakt_tax_id_key).
 */
async function normaliseKeys(db: Db, rows: PreparedRow[]): Promise<void> {
  const keyed = rows.filter((r) => r.typed.name || r.typed.taxId);
  if (!keyed.length) return;
  const { rows: found } = await sql<{ nameKey: string | null; taxKey: string | null }>`select kontakt_normalize(u.name) as "nameKey",
      case when u.tax_id is not null then kontakt_tax_id_key(u.country, u.tax_id) end as "taxKey"
    from unnest(${keyed.map((r) => r.typed.name ?? null)}::text[], ${keyed.map((r) => r.typed.country ?? null)}::text[],
      ${keyed.map((r) => r.typed.taxId ?? null)}::text[]) with ordinality as u(name, country, tax_id, n)
    order by u.n`.execute(db);
  keyed.forEach((row, i) => {
    const { nameKey, taxKey } = found[i]!;
    if (nameKey) row.keys.nameKey = nameKey;
    if (taxKey) row.keys.taxId = taxKey;
  });
}

async function existingMatches(db: Db, entity: EntityDescriptor, workspaceId: string, rows: PreparedRow[]): Promise<Existing[]> {
  const taxIds = rows.flatMap((r) => (r.keys.taxId ? [r.keys.taxId] : []));
  const emails = rows.flatMap((r) => (r.keys.email ? [r.keys.email] : []));
  const names = rows.flatMap((r) => (r.keys.nameKey ? [r.keys.nameKey] : []));
  if (entity.name === 'partner') {
    const { rows: found } = await sql<Existing>`select id, tax_id_key as "taxId", lower(email) as email, kontakt_normalize(name) as "nameKey"
      from partner where workspace_id = ${workspaceId} and deleted_at is null
        and (tax_id_key = any(${taxIds}::text[]) or lower(email) = any(${emails}::text[])
          or kontakt_normalize(name) = any(${names}::text[]))`.execute(db);
    return found;
  }
  const { rows: found } = await sql<Existing>`select id, null as "taxId", lower(email) as email, kontakt_normalize(full_name) as "nameKey"
    from contact where workspace_id = ${workspaceId} and deleted_at is null
      and (lower(email) = any(${emails}::text[]) or kontakt_normalize(full_name) = any(${names}::text[]))`.execute(db);
  return found;
}

/**
 * Whether a row is the same partner/contact as a known one: the same tax ID; or the same e-mail or
 * normalised name, unless both carry tax IDs that differ (or, for contacts, e-mails that differ).
 */
function sameAs(row: { taxId?: string | undefined; email?: string | undefined; nameKey?: string | undefined }, other: { taxId?: string | null | undefined; email?: string | null | undefined; nameKey?: string | null | undefined }): 'taxId' | 'email' | 'name' | null {
  if (row.taxId && other.taxId && row.taxId === other.taxId) return 'taxId';
  const taxConflict = Boolean(row.taxId && other.taxId && row.taxId !== other.taxId);
  if (taxConflict) return null;
  if (row.email && other.email && row.email === other.email) return 'email';
  const emailConflict = Boolean(row.email && other.email && row.email !== other.email);
  if (!emailConflict && row.nameKey && other.nameKey && row.nameKey === other.nameKey) return 'name';
  return null;
}

type RowKey = { rowNumber: number; taxId?: string | undefined; email?: string | undefined; nameKey?: string | undefined };

/**
 * The rows of the file taken so far, found by their keys: the first one the same as a new row (as
 * sameAs decides), without comparing with every earlier row (an import of 100,000 rows would compare
 * five billion pairs).
 */
export class SeenRows {
  private readonly rows: RowKey[] = [];
  private readonly byKey = new Map<string, number[]>();

  add(row: RowKey): void {
    const at = this.rows.push(row) - 1;
    for (const k of SeenRows.keys(row)) {
      const list = this.byKey.get(k);
      if (list) list.push(at);
      else this.byKey.set(k, [at]);
    }
  }

  /** The earliest row sharing a key with `key` that sameAs takes for the same record. */
  find(key: Omit<RowKey, 'rowNumber'>): RowKey | undefined {
    const candidates = [...new Set(SeenRows.keys(key).flatMap((k) => this.byKey.get(k) ?? []))].sort((a, b) => a - b);
    for (const at of candidates) if (sameAs(key, this.rows[at]!)) return this.rows[at];
    return undefined;
  }

  private static keys(row: Omit<RowKey, 'rowNumber'>): string[] {
    return [row.taxId ? `t:${row.taxId}` : '', row.email ? `e:${row.email}` : '', row.nameKey ? `n:${row.nameKey}` : ''].filter(Boolean);
  }
}

/**
 * Partners named by contact rows, found in one query: by tax number (written any way; without a
 * country prefix it is read as a number of each country of the region), or by name.
 */
async function partnersFor(db: Db, workspaceId: string, refs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!refs.length) return out;
  const { rows } = await sql<{ ref: string; id: string }>`select distinct on (r.ref) r.ref, p.id from unnest(${refs}::text[]) as r(ref)
    cross join lateral (select array(select kontakt_tax_id_key(c, r.ref) from unnest(${REGION}::text[]) c) as keys) k
    join partner p on p.workspace_id = ${workspaceId} and p.deleted_at is null
      and (p.tax_id_key = any(k.keys) or kontakt_normalize(p.name) = kontakt_normalize(r.ref))
    order by r.ref, coalesce(p.tax_id_key = any(k.keys), false) desc, p.created_at`.execute(db);
  for (const r of rows) out.set(r.ref, r.id);
  return out;
}
const REGION = ['RO', 'PL', 'HU', 'UA'];

const reasonsOf = (error: unknown, headers: string[], mapping: (string | null)[]): Reason[] => {
  if (error instanceof AppError) {
    if (error.errors?.length) {
      return error.errors.map((e) => {
        const field = e.path.startsWith('custom.') ? e.path : e.path.split('.')[0]!;
        const i = mapping.indexOf(field);
        return { ...(i >= 0 ? { column: headers[i] } : {}), field, message: e.message };
      });
    }
    return [{ message: error.message }];
  }
  return [{ message: 'import.errors.database' }];
};

class DryRunRollback extends Error {}
/** The database refused a row in a batch without savepoints: the batch is done again with them. */
class RetrySafely extends Error {}

const FINISHED: Record<string, (file: string, dry: boolean, c: Counts) => string> = {
  en: (f, d, c) => `${d ? 'Dry run of' : 'Import of'} ${f} finished: ${c.created} created, ${c.updated} updated, ${c.duplicates} duplicates, ${c.rejected} rejected`,
  ro: (f, d, c) => `${d ? 'Simularea importului' : 'Importul'} ${f} s-a încheiat: ${c.created} create, ${c.updated} actualizate, ${c.duplicates} duplicate, ${c.rejected} respinse`,
  pl: (f, d, c) => `${d ? 'Próba importu' : 'Import'} ${f} zakończony: utworzone ${c.created}, zaktualizowane ${c.updated}, duplikaty ${c.duplicates}, odrzucone ${c.rejected}`,
  hu: (f, d, c) => `${f} ${d ? 'próbaimportálása' : 'importálása'} kész: ${c.created} létrehozva, ${c.updated} frissítve, ${c.duplicates} ismétlődés, ${c.rejected} elutasítva`,
  uk: (f, d, c) => `${d ? 'Пробний імпорт' : 'Імпорт'} ${f} завершено: створено ${c.created}, оновлено ${c.updated}, дублікатів ${c.duplicates}, відхилено ${c.rejected}`,
};
const importFinishedText = (locale: string, file: string, dry: boolean, c: Counts) => (FINISHED[locale] ?? FINISHED.en!)(file, dry, c);

interface Counts {
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
}

/**
 * Runs an import: counts the rows (a broken file stops here, before anything is written), then
 * writes batches of BATCH_SIZE rows, each in one transaction with its progress, so a retried job
 * continues after the last batch that landed. A dry run does the same and rolls every batch back.
 */
export async function runImport(db: Db, blobs: BlobStore, job: JobRow): Promise<Record<string, JsonValue>> {
  const importId = (job.payload as { importId: string }).importId;
  const imp = await db.selectFrom('importJob').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return { skipped: true };
  const fail = async (message: string) => {
    await db.updateTable('importJob').set({ status: 'failed', error: message, finishedAt: new Date() }).where('id', '=', importId).execute();
    return { failed: message };
  };
  const actor = imp.createdBy ? await loadActor(db, imp.createdBy, 'session') : null;
  if (!actor) return fail('The person who started the import can no longer sign in');
  const entity = importableEntity(imp.entity);
  const headers = imp.headers as string[];
  const mapping = imp.mapping as (string | null)[];
  const targets = new Map(importTargets(entity, await loadCustomFields(db, actor.workspaceId, entity.name)).map((t) => [t.key, t]));
  const options = { format: imp.format as ImportFormat, encoding: (imp.encoding ?? 'utf-8') as Encoding, delimiter: (imp.delimiter ?? ',') as Delimiter };
  // a real run continues after the batches that landed; a dry run starts over
  const resumeAfter = imp.dryRun ? 0 : imp.processedRows;
  const counts: Counts = imp.dryRun
    ? { created: 0, updated: 0, duplicates: 0, rejected: 0 }
    : { created: imp.createdCount, updated: imp.updatedCount, duplicates: imp.duplicateCount, rejected: imp.rejectedCount };
  if (imp.dryRun) await db.deleteFrom('importRejectedRow').where('importId', '=', importId).execute();

  try {
    let total = -1;
    for await (const _row of readRows(blobs.get(imp.sha256), options)) total++;
    await db
      .updateTable('importJob')
      .set({ status: 'running', totalRows: Math.max(0, total), startedAt: imp.startedAt ?? new Date() })
      .where('id', '=', importId)
      .execute();

    const resolve = await referenceResolver(db, actor.workspaceId);
    // rows of this file already taken (created or updated), for duplicates inside the file
    const seen = new SeenRows();
    let batch: BatchRow[] = [];
    let index = -1;
    const flush = async () => {
      if (!batch.length) return;
      await writeBatch(db, actor, entity, { importId, headers, mapping, targets, resolve, seen, counts, dryRun: imp.dryRun, onDuplicate: imp.onDuplicate as 'skip' | 'update' }, batch);
      batch = [];
    };
    for await (const read of readRows(blobs.get(imp.sha256), options)) {
      index++;
      if (index === 0) continue;
      // row 1 is the header, so data rows are numbered as a spreadsheet shows them
      const rowNumber = index + 1;
      if (index <= resumeAfter) continue;
      // the Romanian letters written with a comma below when asked (a line that cannot be read stays as it is)
      const row = imp.correctCedillas && !read.problem ? { cells: read.cells.map((c) => (typeof c === 'string' ? toCommaBelow(c) : c)) } : read;
      batch.push({ rowNumber, row });
      if (batch.length >= BATCH_SIZE) await flush();
    }
    await flush();
    await db.updateTable('importJob').set({ status: 'done', finishedAt: new Date() }).where('id', '=', importId).execute();
    await db.transaction().execute(async (trx) => {
      if (!imp.dryRun) {
        await recordChange(trx, {
          workspaceId: actor.workspaceId,
          entity: 'import',
          recordId: importId,
          action: 'created',
          actorId: actor.userId,
          payload: { entity: entity.name, fileName: imp.fileName, ...counts },
        });
      }
      // the author may have left the screen: the result reaches them as a notification
      await notify(trx, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        kind: 'import_finished',
        title: importFinishedText(actor.locale, imp.fileName, imp.dryRun, counts),
        link: `/import/${entity.resource}`,
      });
    });
    return { ...counts };
  } catch (error) {
    if (error instanceof AppError) return fail(error.message);
    if (job.attempts + 1 >= job.maxAttempts) await fail('The import stopped on an unexpected error');
    throw error;
  }
}

interface BatchContext {
  importId: string;
  headers: string[];
  mapping: (string | null)[];
  targets: Map<string, ImportTarget>;
  resolve: (target: string, text: string) => string | undefined;
  seen: SeenRows;
  counts: Counts;
  dryRun: boolean;
  onDuplicate: 'skip' | 'update';
}

type BatchRow = { rowNumber: number; row: FileRow };

async function writeBatch(db: Db, actor: Actor, entity: EntityDescriptor, ctx: BatchContext, batch: BatchRow[]) {
  const rows = batch.map((r) => prepareRow(entity, ctx.headers, ctx.mapping, ctx.targets, ctx.resolve, r.rowNumber, r.row));
  await normaliseKeys(db, rows);
  let counts: Counts = { created: 0, updated: 0, duplicates: 0, rejected: 0 };
  let rejected: { rowNumber: number; reason: string; messages: Reason[]; cells: Cell[] }[] = [];
  let taken: RowKey[] = [];
  // A row refused by validation or a hook is refused before it writes anything, so rows need no
  // savepoint of their own — unless a row writes twice (contact + link) or the entity has after-write
  // hooks. If the database itself refuses a row, the batch is done again with a savepoint per row.
  const perRowSavepoints = Boolean(entity.hooks?.afterWrite) || rows.some((r) => r.partnerRef);

  const work = async (trx: Kysely<DB>, safe: boolean) => {
    counts = { created: 0, updated: 0, duplicates: 0, rejected: 0 };
    rejected = [];
    taken = [];
    // this attempt's taken rows, by key (rows refused later in the batch stay in it: see below)
    const takenHere = new SeenRows();
    const take = (entry: RowKey) => {
      taken.push(entry);
      takenHere.add(entry);
    };
    const fresh: { row: PreparedRow }[] = [];
    const existing = await existingMatches(trx, entity, actor.workspaceId, rows.filter((r) => !r.reasons.length));
    const partnerIds = await partnersFor(trx, actor.workspaceId, [...new Set(rows.flatMap((r) => (r.partnerRef ? [r.partnerRef] : [])))]);
    for (const row of rows) {
      const reasons = [...row.reasons];
      if (row.partnerRef && !partnerIds.has(row.partnerRef)) {
        const i = ctx.mapping.indexOf('partner');
        reasons.push({ column: ctx.headers[i], field: 'partner', message: 'import.errors.partnerNotFound' });
      }
      if (reasons.length) {
        rejected.push({ rowNumber: row.rowNumber, reason: 'invalid', messages: reasons, cells: row.cells });
        counts.rejected++;
        continue;
      }
      const key = { taxId: row.keys.taxId, email: row.keys.email, nameKey: row.keys.nameKey };
      // earlier batches first, then this one (in file order either way)
      const earlier = ctx.seen.find(key) ?? takenHere.find(key);
      if (earlier) {
        rejected.push({ rowNumber: row.rowNumber, reason: 'duplicate', messages: [{ message: 'import.errors.duplicateRow', field: String(earlier.rowNumber) }], cells: row.cells });
        counts.duplicates++;
        continue;
      }
      const match = existing.find((e) => sameAs(key, e));
      if (match && ctx.onDuplicate === 'skip') {
        rejected.push({ rowNumber: row.rowNumber, reason: 'duplicate', messages: [{ message: 'import.errors.duplicateExisting', field: match.id }], cells: row.cells });
        counts.duplicates++;
        continue;
      }
      const savepoint = safe || perRowSavepoints;
      if (!savepoint && !match) {
        // new records of the batch are written together after the loop (set-based)
        fresh.push({ row });
        take({ rowNumber: row.rowNumber, ...key });
        continue;
      }
      if (savepoint) await sql`savepoint import_row`.execute(trx);
      try {
        const { custom, ...values } = row.values;
        let recordId: string;
        if (match) {
          recordId = (await updateRecord(trx, actor, entity, match.id, { ...values, ...(custom ? { custom } : {}) }, 'current')).id;
          counts.updated++;
        } else {
          recordId = (await createRecord(trx, actor, entity, row.values)).id;
          counts.created++;
        }
        if (row.partnerRef) await linkContact(trx, actor, partnerIds.get(row.partnerRef)!, recordId, {});
        if (savepoint) await sql`release savepoint import_row`.execute(trx);
        take({ rowNumber: row.rowNumber, ...key });
      } catch (error) {
        if (!savepoint && isDatabaseError(error)) throw new RetrySafely();
        if (savepoint) await sql`rollback to savepoint import_row`.execute(trx);
        if (!(error instanceof AppError) && !isDatabaseError(error)) throw error;
        rejected.push({ rowNumber: row.rowNumber, reason: 'invalid', messages: reasonsOf(error, ctx.headers, ctx.mapping), cells: row.cells });
        counts.rejected++;
      }
    }
    if (fresh.length) {
      let outcomes: CreateOutcome[];
      try {
        outcomes = await createRecords(trx as Transaction<DB>, actor, entity, fresh.map((f) => f.row.values));
      } catch (error) {
        if (isDatabaseError(error)) throw new RetrySafely();
        throw error;
      }
      outcomes.forEach((outcome, i) => {
        const { row } = fresh[i]!;
        if (outcome.ok) {
          counts.created++;
          return;
        }
        // refused by a rule: it writes nothing. (A later row of the batch with the same key was already
        // counted as its duplicate — rare: the rule would most likely refuse that one too.)
        taken = taken.filter((t) => t.rowNumber !== row.rowNumber);
        rejected.push({ rowNumber: row.rowNumber, reason: 'invalid', messages: reasonsOf(outcome.error, ctx.headers, ctx.mapping), cells: row.cells });
        counts.rejected++;
      });
    }
    if (ctx.dryRun) throw new DryRunRollback();
    await saveProgress(trx, ctx, batch, counts, rejected);
  };

  const attempt = async (safe: boolean) => {
    try {
      await db.transaction().execute((trx) => work(trx, safe));
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      await db.transaction().execute((trx) => saveProgress(trx, ctx, batch, counts, rejected));
    }
  };
  try {
    await attempt(false);
  } catch (error) {
    if (!(error instanceof RetrySafely)) throw error;
    await attempt(true);
  }
  for (const entry of taken) ctx.seen.add(entry);
}

/** Postgres refused a statement (a constraint, a value out of range): the row is reported, the batch goes on. */
const isDatabaseError = (error: unknown) => typeof (error as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);

async function saveProgress(
  trx: Kysely<DB>,
  ctx: BatchContext,
  batch: { rowNumber: number }[],
  counts: Counts,
  rejected: { rowNumber: number; reason: string; messages: Reason[]; cells: Cell[] }[],
) {
  ctx.counts.created += counts.created;
  ctx.counts.updated += counts.updated;
  ctx.counts.duplicates += counts.duplicates;
  ctx.counts.rejected += counts.rejected;
  if (rejected.length) {
    await trx
      .insertInto('importRejectedRow')
      .values(
        rejected.map((r) => ({
          importId: ctx.importId,
          rowNumber: r.rowNumber,
          reason: r.reason,
          messages: JSON.stringify(r.messages),
          cells: JSON.stringify(r.cells.map(displayCell)),
        })),
      )
      .onConflict((oc) => oc.columns(['importId', 'rowNumber']).doNothing())
      .execute();
  }
  await trx
    .updateTable('importJob')
    .set({
      processedRows: batch[batch.length - 1]!.rowNumber - 1,
      createdCount: ctx.counts.created,
      updatedCount: ctx.counts.updated,
      duplicateCount: ctx.counts.duplicates,
      rejectedCount: ctx.counts.rejected,
    })
    .where('id', '=', ctx.importId)
    .execute();
}
