import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { AppError, type FieldError, notFound, validation } from '../../platform/errors.ts';
import { cleanFileName } from '../../platform/files/attachments.ts';
import type { BlobStore } from '../../platform/files/blob-store.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { requireEntityPermission } from '../../platform/records/access.ts';
import { loadCustomFields } from '../../platform/records/custom-fields.ts';
import { type EntityDescriptor, getEntity } from '../../platform/records/descriptor.ts';
import {
  type Cell,
  type Delimiter,
  detectDelimiter,
  detectEncoding,
  type Encoding,
  formatOf,
  type ImportFormat,
  readRows,
} from './read-file.ts';
import { cedillaLettersIn } from './romanian-letters.ts';
import {
  headerSignature,
  IMPORTABLE,
  type ImportableEntity,
  importTargets,
  suggestMapping,
} from './targets.ts';

export const IMPORT_QUEUE = 'import';
/** Rows written per transaction: a batch lands whole or not at all, with its audit rows and events. */
export const BATCH_SIZE = 500;
const PREVIEW_ROWS = 20;
/** Rows read at analysis to find out whether a file has ş ţ with a cedilla (the preview is fewer). */
const SCAN_ROWS = 2_000;

export type Db = Kysely<DB>;

export interface RunOptions {
  mapping: (string | null)[];
  dryRun: boolean;
  onDuplicate: 'skip' | 'update';
  saveMappingAs?: string | undefined;
  /** Write ş ţ (cedilla) as ș ț (comma below) in every cell. */
  correctCedillas?: boolean | undefined;
}

export function importableEntity(name: string): EntityDescriptor {
  const entity = IMPORTABLE.includes(name as ImportableEntity) ? getEntity(name) : undefined;
  if (!entity) throw validation([{ path: 'entity', message: `Imports go into ${IMPORTABLE.join(' or ')}` }]);
  return entity;
}

const headerText = (cell: Cell, i: number) => {
  const s = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
  return s || `#${i + 1}`;
};
export const displayCell = (cell: Cell) => (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));

async function loadImport(db: Db, actor: Actor, id: string) {
  const row = await db
    .selectFrom('importJob')
    .selectAll()
    .where('id', '=', id)
    .where('workspaceId', '=', actor.workspaceId)
    .executeTakeFirst();
  // an import is its author's; administrators see every import of the workspace
  if (!row || (!actor.isAdmin && row.createdBy !== actor.userId)) throw notFound('Import');
  return row;
}

/**
 * The header and first rows of the stored file, read as CSV (encoding, delimiter) or XLSX, and
 * whether its first SCAN_ROWS rows write Romanian ş ţ with a cedilla (see romanian-letters.ts).
 */
async function previewOf(blobs: BlobStore, sha256: string, format: ImportFormat, encoding: Encoding, delimiter: Delimiter) {
  const rows: Cell[][] = [];
  // the cells beyond ASCII: where ş ţ and other Romanian letters are
  const texts: string[] = [];
  let scanned = 0;
  for await (const row of readRows(blobs.get(sha256), { format, encoding, delimiter })) {
    if (rows.length <= PREVIEW_ROWS) rows.push(row.cells);
    for (const cell of row.cells) if (typeof cell === 'string' && /[^ -~]/.test(cell)) texts.push(cell);
    if (++scanned > SCAN_ROWS) break;
  }
  if (!rows.length) throw new AppError('VALIDATION', 'The file has no rows', { errors: [{ path: 'file', message: 'import.errors.empty' }] });
  const headers = rows[0]!.map(headerText);
  const cedillas = cedillaLettersIn(texts, format === 'csv' ? encoding : null);
  return {
    headers,
    preview: rows.slice(1).map((r) => headers.map((_, i) => displayCell(r[i] ?? null))),
    cedillaLetters: cedillas.found,
    correctCedillasSuggested: cedillas.suggested,
  };
}

async function readHead(blobs: BlobStore, sha256: string, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of blobs.get(sha256)) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= bytes) break;
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** What the import screen shows after an upload: columns, first rows, and a mapping to start from. */
async function analysis(db: Db, blobs: BlobStore, actor: Actor, id: string) {
  const row = await loadImport(db, actor, id);
  const entity = importableEntity(row.entity);
  const custom = await loadCustomFields(db, actor.workspaceId, entity.name);
  const targets = importTargets(entity, custom);
  const { headers, preview, cedillaLetters, correctCedillasSuggested } = await previewOf(
    blobs,
    row.sha256,
    row.format as ImportFormat,
    row.encoding as Encoding,
    row.delimiter as Delimiter,
  );
  const signature = headerSignature(headers);
  const saved = await db
    .selectFrom('importMapping')
    .select(['id', 'name', 'mapping', 'headers'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('entity', '=', entity.name)
    .orderBy('createdAt', 'desc')
    .execute();
  // a saved mapping of a file with the same columns (in any order) is the suggestion
  const match = saved.find((m) => signature.every((h) => (m.mapping as Record<string, string | null>)[h] !== undefined));
  const known = new Set(targets.map((t) => t.key));
  const suggested = match
    ? signature.map((h) => {
        const key = (match.mapping as Record<string, string | null>)[h] ?? null;
        return key && known.has(key) ? key : null;
      })
    : suggestMapping(entity.name as ImportableEntity, headers, targets);
  await db.updateTable('importJob').set({ headers: JSON.stringify(headers) }).where('id', '=', id).execute();
  return {
    ...publicImport(row),
    headers,
    preview,
    cedillaLetters,
    correctCedillasSuggested,
    suggested,
    savedMapping: match ? { id: match.id, name: match.name } : null,
    savedMappings: saved.map((m) => ({ id: m.id, name: m.name })),
    targets: targets.map((t) => ({
      key: t.key,
      type: t.custom ? `custom:${t.custom.type}` : t.type,
      required: t.required,
      ...(t.values ? { values: t.values } : {}),
      ...(t.custom ? { label: t.custom.label } : {}),
    })),
  };
}

/**
 * Stores an uploaded file and reads its shape: CSV or XLSX, the encoding and delimiter of a CSV
 * (detected, or as given), its header and first rows. Nothing is imported yet.
 */
export async function createImport(
  db: Db,
  blobs: BlobStore,
  actor: Actor,
  input: { entity: string; fileName: string; content: Readable; truncated: () => boolean; maxBytes: number },
) {
  const entity = importableEntity(input.entity);
  requireEntityPermission(actor, entity, 'import');
  requireEntityPermission(actor, entity, 'create');
  const stored = await blobs.put(input.content);
  const discard = async () => {
    const known = await db.selectFrom('fileBlob').select('sha256').where('sha256', '=', stored.sha256).executeTakeFirst();
    if (!known) await blobs.delete(stored.sha256);
  };
  if (input.truncated()) {
    await discard();
    throw new AppError('TOO_LARGE', `The file is larger than ${Math.round(input.maxBytes / 1024 / 1024)} MB; split it into smaller files`, {
      errors: [{ path: 'file', message: 'import.errors.tooLarge' }],
      details: { maxBytes: input.maxBytes },
    });
  }
  const fileName = cleanFileName(input.fileName);
  let format: ImportFormat;
  let encoding: Encoding = 'utf-8';
  let delimiter: Delimiter = ',';
  try {
    if (stored.size === 0) throw new AppError('VALIDATION', 'The file is empty', { errors: [{ path: 'file', message: 'import.errors.empty' }] });
    format = formatOf(fileName, stored.head);
    if (format === 'csv') {
      const head = await readHead(blobs, stored.sha256, 64 * 1024);
      encoding = detectEncoding(head);
      delimiter = detectDelimiter(new TextDecoder(encoding).decode(head));
    }
    // the file must be readable before it is kept
    await previewOf(blobs, stored.sha256, format, encoding, delimiter);
  } catch (error) {
    await discard();
    throw error;
  }
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fileBlob')
      .values({ sha256: stored.sha256, size: String(stored.size), mimeType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await trx
      .insertInto('importJob')
      .values({
        id,
        workspaceId: actor.workspaceId,
        entity: entity.name,
        fileName,
        sha256: stored.sha256,
        size: String(stored.size),
        format,
        encoding: format === 'csv' ? encoding : null,
        delimiter: format === 'csv' ? delimiter : null,
        createdBy: actor.userId,
      })
      .execute();
  });
  return analysis(db, blobs, actor, id);
}

/** Reads the file again with another encoding or delimiter chosen by the user. */
export async function reanalyse(db: Db, blobs: BlobStore, actor: Actor, id: string, options: { encoding?: Encoding | undefined; delimiter?: Delimiter | undefined }) {
  const row = await loadImport(db, actor, id);
  if (row.status === 'queued' || row.status === 'running') throw new AppError('CONFLICT', 'The import is running');
  if (row.format === 'csv') {
    const encoding = options.encoding ?? (row.encoding as Encoding);
    const delimiter = options.delimiter ?? (row.delimiter as Delimiter);
    await previewOf(blobs, row.sha256, 'csv', encoding, delimiter);
    await db.updateTable('importJob').set({ encoding, delimiter }).where('id', '=', id).execute();
  }
  return analysis(db, blobs, actor, id);
}

export const getAnalysis = analysis;

const PUBLIC_COLUMNS = [
  'id', 'entity', 'fileName', 'size', 'format', 'encoding', 'delimiter', 'mapping', 'onDuplicate', 'dryRun', 'status', 'totalRows',
  'processedRows', 'createdCount', 'updatedCount', 'duplicateCount', 'rejectedCount', 'error', 'createdAt', 'createdBy', 'startedAt', 'finishedAt',
  'correctCedillas',
] as const;

type ImportRow = Awaited<ReturnType<typeof loadImport>>;
export function publicImport(row: ImportRow) {
  const out: Record<string, unknown> = {};
  for (const c of PUBLIC_COLUMNS) out[c] = row[c];
  return out as Pick<ImportRow, (typeof PUBLIC_COLUMNS)[number]>;
}

export async function getImport(db: Db, actor: Actor, id: string) {
  const row = await loadImport(db, actor, id);
  // its job was taken over from a worker that was gone (a kill -9, a crash): the screen says "resumed"
  const job = row.jobId ? await db.selectFrom('job').select('resumedAt').where('id', '=', row.jobId).executeTakeFirst() : undefined;
  return { ...publicImport(row), resumedAt: job?.resumedAt ?? null };
}

/** The actor's imports (administrators: all of the workspace), newest first. */
export async function listImports(db: Db, actor: Actor, entity: string | undefined, limit: number) {
  let q = db.selectFrom('importJob').select(PUBLIC_COLUMNS).where('workspaceId', '=', actor.workspaceId);
  if (!actor.isAdmin) q = q.where('createdBy', '=', actor.userId);
  if (entity) q = q.where('entity', '=', entity);
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Rows that did not land (or would not, in a dry run), with their cells and reasons, in file order. */
export async function rejectedRows(db: Db, actor: Actor, id: string, after: number, limit: number) {
  await loadImport(db, actor, id);
  return db
    .selectFrom('importRejectedRow')
    .select(['rowNumber', 'reason', 'messages', 'cells'])
    .where('importId', '=', id)
    .where('rowNumber', '>', after)
    .orderBy('rowNumber')
    .limit(limit)
    .execute();
}

/**
 * Checks the mapping (known targets, each once, required ones present) and queues the import — a
 * dry run that writes nothing, or the real one. The mapping may be saved by name for the next file.
 */
export async function startImport(db: Db, actor: Actor, id: string, options: RunOptions) {
  const row = await loadImport(db, actor, id);
  const entity = importableEntity(row.entity);
  requireEntityPermission(actor, entity, 'import');
  requireEntityPermission(actor, entity, 'create');
  if (options.onDuplicate === 'update') requireEntityPermission(actor, entity, 'update');
  if (row.status === 'queued' || row.status === 'running') throw new AppError('CONFLICT', 'The import is already running');
  const headers = row.headers as string[];
  const targets = importTargets(entity, await loadCustomFields(db, actor.workspaceId, entity.name));
  const known = new Map(targets.map((t) => [t.key, t]));
  const errors: FieldError[] = [];
  if (options.mapping.length !== headers.length) errors.push({ path: 'mapping', message: `One entry per column: the file has ${headers.length}` });
  const used = new Map<string, number>();
  options.mapping.forEach((key, i) => {
    if (key === null) return;
    if (!known.has(key)) errors.push({ path: `mapping.${i}`, message: `Unknown field ${key}` });
    else if (used.has(key)) errors.push({ path: `mapping.${i}`, message: `${key} is already taken by column ${used.get(key)! + 1}` });
    else used.set(key, i);
  });
  for (const t of targets) if (t.required && !used.has(t.key)) errors.push({ path: 'mapping', message: `Map a column to the required field ${t.key}` });
  if (!used.size) errors.push({ path: 'mapping', message: 'Map at least one column' });
  if (errors.length) throw validation(errors, 'The mapping is not complete');

  return db.transaction().execute(async (trx) => {
    if (options.saveMappingAs) {
      const byHeader: Record<string, string | null> = {};
      headerSignature(headers).forEach((h, i) => {
        byHeader[h] = options.mapping[i] ?? null;
      });
      await trx
        .insertInto('importMapping')
        .values({
          id: newId(),
          workspaceId: actor.workspaceId,
          entity: entity.name,
          name: options.saveMappingAs,
          mapping: JSON.stringify(byHeader),
          headers: JSON.stringify(headers),
          createdBy: actor.userId,
        })
        .onConflict((oc) => oc.columns(['workspaceId', 'entity', 'name']).doUpdateSet({ mapping: JSON.stringify(byHeader), headers: JSON.stringify(headers) }))
        .execute();
    }
    await trx.deleteFrom('importRejectedRow').where('importId', '=', id).execute();
    const jobId = await enqueue(trx, { queue: IMPORT_QUEUE, workspaceId: actor.workspaceId, payload: { importId: id }, maxAttempts: 3 });
    const updated = await trx
      .updateTable('importJob')
      .set({
        mapping: JSON.stringify(options.mapping),
        dryRun: options.dryRun,
        onDuplicate: options.onDuplicate,
        correctCedillas: options.correctCedillas ?? false,
        status: 'queued',
        totalRows: null,
        processedRows: 0,
        createdCount: 0,
        updatedCount: 0,
        duplicateCount: 0,
        rejectedCount: 0,
        error: null,
        jobId,
        startedAt: null,
        finishedAt: null,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return publicImport(updated);
  });
}

export async function deleteMapping(db: Db, actor: Actor, id: string) {
  const res = await db.deleteFrom('importMapping').where('id', '=', id).where('workspaceId', '=', actor.workspaceId).executeTakeFirst();
  if (!res.numDeletedRows) throw notFound('Mapping');
}
