import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
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
  /** PGlite on disk: checkpoint when more WAL than this was written since the last one (tests make it small). */
  walBound?: { bytes: number; everyMs: number };
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
  const walKeeper = options.dataDir ? keepWalShort(db, options.walBound ?? PGLITE_WAL_BOUND) : undefined;
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      clearInterval(walKeeper);
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/** WAL written since the last checkpoint beyond which PGlite is checkpointed (what a restart after a kill replays), and how often it is looked at. */
const PGLITE_WAL_BOUND = { bytes: 32 * 1024 * 1024, everyMs: 5_000 };

/**
 * PGlite runs PostgreSQL single-user: there is no checkpointer process, and neither
 * checkpoint_timeout nor max_wal_size starts a checkpoint, so WAL piles up until a clean close
 * (measured: 340 MB after 40 s of import-like writes). A kill -9 then makes the next start replay all
 * of it — 45 s after a long import. Every few seconds, when more than PGLITE_WAL_BOUND was written since
 * the last checkpoint, one is taken (through Kysely, so it waits for a transaction in progress).
 * Measured after 60 s of import-like writes and a kill -9 (2 loaded cores): the next open took 9.3 s
 * against 2.0 s for a clean one without this; with it, 6.3 s against 4.8 s at the same load.
 */
function keepWalShort(db: Kysely<DB>, bound: { bytes: number; everyMs: number }): NodeJS.Timeout {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const { rows } = await sql<{ bytes: string }>`
        select (pg_current_wal_lsn() - (pg_control_checkpoint()).redo_lsn)::text as bytes`.execute(db);
      if (Number(rows[0]?.bytes ?? 0) > bound.bytes) await sql`checkpoint`.execute(db);
    })()
      // a closed or busy database tries again at the next tick
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, bound.everyMs);
  timer.unref();
  return timer;
}
