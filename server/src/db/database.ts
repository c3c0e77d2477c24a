import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The PGlite instance when embedded (for dump/restore); undefined on PostgreSQL. */
  pglite?: PGlite;
  /** The pg pool when on PostgreSQL. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent the embedded PGlite is used. */
  url?: string;
  /** Directory for PGlite data; absent = in memory. Held by this process alone (lock file `<dir>.lock`). */
  dataDir?: string;
  /** Load a PGlite data dump (tar) instead of an empty cluster. */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

// numeric/bigint/date come back as strings from both drivers: money stays exact, dates stay calendar dates.
const NUMERIC_OID = 1700;
const INT8_OID = 20;
const DATE_OID = 1082;
pg.types.setTypeParser(NUMERIC_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => v);
pg.types.setTypeParser(DATE_OID, (v) => v);

/** Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
  if (options.url) {
    // JIT compilation pays off for hours-long analytics, not for a CRM's reports of a few hundred
    // milliseconds: it added ~60 ms to the forecast over 200,000 opportunities. Off for our sessions.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: '-c jit=off' });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  // one process at a time on the files (a CLI command beside the running server would corrupt them)
  const unlock = options.dataDir ? lockDataDir(`${options.dataDir.replace(/\/+$/, '')}.lock`) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm, unaccent },
      parsers: { [NUMERIC_OID]: (v: string) => v, [INT8_OID]: (v: string) => v, [DATE_OID]: (v: string) => v },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  // the same session settings as on PostgreSQL (PGlite has no JIT to run, but says "on")
  await pglite.exec('set jit = off');
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), plugins });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
