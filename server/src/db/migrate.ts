import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 7_201_123;

export interface MigrationResult {
  applied: string[];
}

/** Lists migration files in the order they run (timestamped names sort chronologically). */
export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, f), 'utf8') }));
}

/**
 * Applies pending migrations, each in its own transaction, forward only.
 * Several processes may start at once: an advisory lock lets one migrate while the others wait.
 */
export async function migrate(database: Database): Promise<MigrationResult> {
  const exec = executor(database);
  await exec(`create table if not exists schema_migration (
    name text primary key, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  // a start with nothing to migrate costs one query, not a transaction per migration (restart time);
  // a migration another process applies meanwhile is still skipped by its claim below
  const present = new Set((await database.db.selectFrom('schemaMigration').select('name').execute()).map((r) => r.name));
  for (const migration of listMigrations()) {
    if (present.has(migration.name)) continue;
    const done = await exec(
      `select pg_advisory_xact_lock(${MIGRATION_LOCK});
       insert into schema_migration (name) values ('${migration.name.replace(/'/g, "''")}')
         on conflict (name) do nothing returning name;`,
      migration.sql,
    );
    if (done) applied.push(migration.name);
  }
  const known = new Set(listMigrations().map((m) => m.name));
  const rows = await database.db.selectFrom('schemaMigration').select('name').execute();
  const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new Error(`Database has migrations this version does not know: ${unknown.join(', ')}. Upgrade Kontakt CRM.`);
  }
  return { applied };
}

type Exec = (claimSql: string, bodySql?: string) => Promise<boolean>;

// Runs raw multi-statement SQL in one transaction. The claim statement inserts the migration's row
// first; when it inserts nothing, the migration was applied by someone else and the body is skipped.
function executor(database: Database): Exec {
  if (database.pglite) {
    const pglite = database.pglite;
    return (claimSql, bodySql) =>
      pglite.transaction(async (tx) => {
        const results = await tx.exec(claimSql);
        const claimed = (results.at(-1)?.rows.length ?? 0) > 0;
        if (bodySql && claimed) await tx.exec(bodySql);
        return claimed;
      });
  }
  const pool = database.pool!;
  return async (claimSql, bodySql) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const results = await client.query(claimSql);
      const last = Array.isArray(results) ? results.at(-1) : results;
      const claimed = (last?.rowCount ?? 0) > 0;
      if (bodySql && claimed) await client.query(bodySql);
      await client.query('commit');
      return claimed;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };
}
