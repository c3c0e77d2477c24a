import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

/** Which database this test run uses: set per vitest project (pglite | postgres). */
export const testDatabaseKind = (process.env.KONTAKT_TEST_DB === 'postgres' ? 'postgres' : 'pglite') as
  | 'pglite'
  | 'postgres';

/**
 * A fresh, migrated database for one test file: PGlite in memory, or a new PostgreSQL database
 * (created beside TEST_DATABASE_URL's, dropped on close) when the run is the postgres project
 * (or `kind` asks for one: a test moving data between the two).
 */
export async function createTestDatabase(kind: 'pglite' | 'postgres' = testDatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrate(database);
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
  const name = `kontakt_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrate(database);
  const close = database.close;
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    // pool.end() resolves before its connections have closed; dropping "with (force)" while one is
    // still closing kills it and surfaces as an unhandled error, so wait for them to go first.
    for (let i = 0; i < 100; i++) {
      const open = await dropper.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (open.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return database;
}
