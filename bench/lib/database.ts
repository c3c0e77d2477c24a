// Where a benchmark workspace lives: a PostgreSQL database (kontakt_bench beside BENCH_DATABASE_URL's,
// or exactly --database-url) or a PGlite data directory (data/bench/pglite, the layout the server
// uses for DATA_DIR=data/bench).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';

export type BenchDbKind = 'postgres' | 'pglite';

export interface BenchLocation {
  kind: BenchDbKind;
  /** PostgreSQL: the database's URL. */
  url?: string;
  /** PGlite: the server's DATA_DIR (the cluster is in <dataDir>/pglite). */
  dataDir: string;
  /** Whether the location is ours to create and drop (not a --database-url given by the user). */
  owned: boolean;
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_DATABASE = 'kontakt_bench';

export function benchLocation(kind: BenchDbKind, databaseUrl?: string, dataDir?: string): BenchLocation {
  const dir = resolve(dataDir ?? join(import.meta.dirname, '..', '..', 'data', 'bench'));
  if (kind === 'pglite') return { kind, dataDir: dir, owned: true };
  if (databaseUrl) return { kind, url: databaseUrl, dataDir: dir, owned: false };
  const url = new URL(process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return { kind, url: url.toString(), dataDir: dir, owned: true };
}

const adminUrl = (location: BenchLocation) => {
  const url = new URL(location.url!);
  url.pathname = '/postgres';
  return url.toString();
};

async function withAdmin<T>(location: BenchLocation, run: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(location) });
  await client.connect();
  try {
    return await run(client, new URL(location.url!).pathname.slice(1));
  } finally {
    await client.end();
  }
}

/** Whether the location holds a database already. */
export async function exists(location: BenchLocation): Promise<boolean> {
  if (location.kind === 'pglite') return existsSync(join(location.dataDir, 'pglite', 'PG_VERSION'));
  return withAdmin(location, async (client, name) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

/** Removes the benchmark database (only one we own). */
export async function drop(location: BenchLocation): Promise<void> {
  if (!location.owned) return;
  if (location.kind === 'pglite') {
    rmSync(location.dataDir, { recursive: true, force: true });
    return;
  }
  await withAdmin(location, (client, name) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
}

/** Opens (creating when absent) and migrates the benchmark database. */
export async function open(location: BenchLocation): Promise<Database> {
  if (location.kind === 'pglite') {
    mkdirSync(location.dataDir, { recursive: true });
    const database = await openDatabase({ dataDir: join(location.dataDir, 'pglite') });
    await migrate(database);
    return database;
  }
  if (location.owned && !(await exists(location))) {
    await withAdmin(location, (client, name) => client.query(`create database ${pg.escapeIdentifier(name)}`));
  }
  const database = await openDatabase({ url: location.url!, poolSize: 4 });
  await migrate(database);
  return database;
}

/** PostgreSQL: how many statements other sessions are running in the benchmark database now. */
export async function activeStatements(location: BenchLocation): Promise<number> {
  return withAdmin(location, async (client, name) => {
    const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()", [name]);
    return rows[0].n as number;
  });
}

/** The environment that points the server (server/src/cli.ts start) at the location. */
export function serverEnv(location: BenchLocation): Record<string, string> {
  return location.kind === 'pglite' ? { DATA_DIR: location.dataDir, DATABASE_URL: '' } : { DATA_DIR: location.dataDir, DATABASE_URL: location.url! };
}
