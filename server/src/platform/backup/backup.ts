import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { APP_VERSION } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../files/blob-store.ts';
import { applicationTables } from './tables.ts';

/**
 * One portable archive for both databases (gzip, one JSON document per line): a manifest with the
 * schema's migrations, then each table's rows (keyset batches, never a whole table in memory),
 * then the stored files. PGlite → PostgreSQL and back restore alike.
 */
const FORMAT = 'kontakt-backup';
const BATCH = 2000;

interface Manifest {
  format: typeof FORMAT;
  formatVersion: 1;
  appVersion: string;
  createdAt: string;
  migrations: string[];
}

async function migrations(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('schemaMigration').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

export class BackupError extends Error {}

/**
 * Writes the archive to `file`: first beside it (`file.partial`), read back whole and checked against
 * what was written (every line parses, each table's row count, each file's content hash), and only
 * then moved into place. The rows are read in one REPEATABLE READ transaction: one snapshot, so a
 * row written meanwhile cannot reference one the archive lacks.
 */
export async function backup(db: Kysely<DB>, blobs: BlobStore, file: string): Promise<{ tables: number; rows: number; files: number }> {
  const partial = `${file}.partial`;
  try {
    const written = await writeArchive(db, blobs, partial);
    await verifyArchive(partial, written);
    await rename(partial, file);
    return { tables: written.tables.size, rows: written.rows, files: written.files.size };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

interface Written {
  tables: Map<string, number>;
  rows: number;
  files: Set<string>;
}

async function writeArchive(db: Kysely<DB>, blobs: BlobStore, file: string): Promise<Written> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const failed = new Promise<never>((_, reject) => {
    out.once('error', reject);
    gzip.once('error', reject);
  });
  failed.catch(() => {});
  const write = async (doc: unknown) => {
    if (!gzip.write(`${JSON.stringify(doc)}\n`)) await Promise.race([once(gzip, 'drain'), failed]);
  };
  const written: Written = { tables: new Map(), rows: 0, files: new Set() };
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const raw = trx.withoutPlugins();
      const manifest: Manifest = {
        format: FORMAT,
        formatVersion: 1,
        appVersion: APP_VERSION,
        createdAt: new Date().toISOString(),
        migrations: await migrations(trx),
      };
      await write(manifest);
      const tables = await applicationTables(trx);
      for (const table of tables) {
        await write({ table: table.name });
        let count = 0;
        const key = table.primaryKey;
        // generated columns are left out: the database computes them again on restore
        const generated = sql`${sql.val(table.generated)}::text[]`;
        let after: unknown[] | null = null;
        for (;;) {
          const keyList = sql.join(key.map((k) => sql.ref(`t.${k}`)));
          // key types come from the catalog (uuid, text, int8 …), never from the archive or a user
          const { rows: batch } = await sql<{ row: Record<string, unknown>; k: unknown[] }>`
            select to_jsonb(t) - ${generated} as row, jsonb_build_array(${keyList}) as k from ${sql.table(table.name)} as t
            ${after ? sql`where (${keyList}) > (${sql.join(after.map((v, i) => sql`${String(v)}::${sql.raw(table.primaryKeyTypes[i]!)}`))})` : sql``}
            order by ${keyList} limit ${BATCH}`.execute(raw);
          for (const r of batch) await write({ r: r.row });
          count += batch.length;
          if (batch.length < BATCH) break;
          after = batch.at(-1)!.k;
        }
        written.tables.set(table.name, count);
        written.rows += count;
      }
      const { rows: files } = await sql<{ sha256: string }>`select sha256 from file_blob order by sha256`.execute(raw);
      for (const { sha256 } of files) {
        if (!(await blobs.has(sha256))) continue;
        const chunks: Buffer[] = [];
        for await (const chunk of blobs.get(sha256)) chunks.push(chunk as Buffer);
        await write({ file: sha256, data: Buffer.concat(chunks).toString('base64') });
        written.files.add(sha256);
      }
    });
  gzip.end();
  await Promise.race([once(out, 'close'), failed]);
  return written;
}

/** Reads an archive back whole and compares it with what was written; throws BackupError on any difference. */
async function verifyArchive(file: string, written: Written): Promise<void> {
  const tables = new Map<string, number>();
  const files = new Set<string>();
  let table: string | null = null;
  let first = true;
  let lineNumber = 0;
  try {
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      lineNumber++;
      if (!line) continue;
      const doc = JSON.parse(line) as { format?: string; table?: string; r?: unknown; file?: string; data?: string };
      if (first) {
        if (doc.format !== FORMAT) throw new BackupError('the archive does not start with its manifest');
        first = false;
      } else if (doc.table !== undefined) {
        table = doc.table;
        tables.set(table, 0);
      } else if (doc.r !== undefined) {
        if (table === null) throw new BackupError(`line ${lineNumber}: a row outside a table`);
        tables.set(table, (tables.get(table) ?? 0) + 1);
      } else if (doc.file && doc.data !== undefined) {
        const hash = createHash('sha256').update(Buffer.from(doc.data, 'base64')).digest('hex');
        if (hash !== doc.file) throw new BackupError(`line ${lineNumber}: the content of file ${doc.file} does not match its hash`);
        files.add(doc.file);
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw new BackupError(`The backup archive failed its check: ${error.message}`);
    throw new BackupError(`The backup archive failed its check (line ${lineNumber}): ${error instanceof Error ? error.message : String(error)}`);
  }
  const differences = [...written.tables].filter(([name, n]) => tables.get(name) !== n).map(([name, n]) => `${name}: wrote ${n} rows, read ${tables.get(name) ?? 0}`);
  if (tables.size !== written.tables.size) differences.push(`wrote ${written.tables.size} tables, read ${tables.size}`);
  if (files.size !== written.files.size || [...written.files].some((f) => !files.has(f))) differences.push(`wrote ${written.files.size} files, read ${files.size}`);
  if (differences.length) throw new BackupError(`The backup archive failed its check: ${differences.join('; ')}`);
}

export class RestoreError extends Error {}

/**
 * Restores an archive into this database in one transaction. The database must be migrated to the
 * same or a newer version than the archive and be empty, unless `force` (then it is emptied first).
 */
export async function restore(
  db: Kysely<DB>,
  blobs: BlobStore,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ rows: number; files: number }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let manifest: Manifest;
  try {
    manifest = JSON.parse(first.value ?? '') as Manifest;
  } catch {
    throw new RestoreError('This is not a Kontakt CRM backup');
  }
  if (manifest.format !== FORMAT) throw new RestoreError('This is not a Kontakt CRM backup');
  const current = await migrations(db);
  const unknown = manifest.migrations.filter((m) => !current.includes(m));
  if (unknown.length) {
    throw new RestoreError(`The backup comes from a newer Kontakt CRM (migrations ${unknown.join(', ')}); upgrade first`);
  }
  const tables = await applicationTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const raw = db.withoutPlugins();
  let rows = 0;
  let files = 0;
  await raw.transaction().execute(async (trx) => {
    const { rows: counts } = await sql<{ n: number }>`select count(*)::int as n from workspace`.execute(trx);
    if ((counts[0]?.n ?? 0) > 0) {
      if (!options.force) throw new RestoreError('The database is not empty; restore into a new one or pass --force');
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t.name)))} cascade`.execute(trx);
    }
    let table: string | null = null;
    let pending: Record<string, unknown>[] = [];
    const deferred: { table: string; rows: Record<string, unknown>[] }[] = [];
    const flush = async () => {
      if (!table || pending.length === 0) return;
      const info = byName.get(table)!;
      // self references are set after every row of the table is in (a parent may come after its child)
      const batch = info.selfReferences.length
        ? pending.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, info.selfReferences.includes(k) ? null : v])))
        : pending;
      // the columns this table has now and the archive carries, generated ones never (the database
      // computes them); a column the archive lacks (added by a later migration) takes its default
      const present = new Set(pending.flatMap((r) => Object.keys(r)));
      const columns = info.writable.filter((c) => present.has(c));
      const list = sql.join(columns.map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (${list}) ${info.identity.length ? sql`overriding system value` : sql``}
        select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch)}::jsonb)`.execute(trx);
      if (info.selfReferences.length) deferred.push({ table, rows: pending });
      rows += pending.length;
      pending = [];
    };
    for await (const line of { [Symbol.asyncIterator]: () => iterator }) {
      if (!line) continue;
      const doc = JSON.parse(line) as { table?: string; r?: Record<string, unknown>; file?: string; data?: string };
      if (doc.table !== undefined) {
        await flush();
        if (!byName.has(doc.table)) throw new RestoreError(`The backup has a table this version does not know: ${doc.table}`);
        table = doc.table;
      } else if (doc.r) {
        pending.push(doc.r);
        if (pending.length >= BATCH) await flush();
      } else if (doc.file && doc.data) {
        await flush();
        table = null;
        await blobs.put(Readable.from(Buffer.from(doc.data, 'base64')));
        files++;
      }
    }
    await flush();
    for (const { table: name, rows: selfRows } of deferred) {
      const info = byName.get(name)!;
      for (const column of info.selfReferences) {
        const pairs = selfRows.filter((r) => r[column] != null).map((r) => ({ id: r.id, ref: r[column] }));
        if (!pairs.length) continue;
        await sql`update ${sql.table(name)} as t set ${sql.ref(column)} = p.ref
          from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p(id uuid, ref uuid) where t.id = p.id`.execute(trx);
      }
    }
    for (const info of tables) {
      for (const column of info.identity) {
        await sql`select setval(pg_get_serial_sequence(${info.name}, ${column}),
          coalesce((select max(${sql.ref(column)}) from ${sql.table(info.name)}), 0) + 1, false)`.execute(trx);
      }
    }
  });
  return { rows, files };
}
