import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../test/database.ts';
import { generateSchemaTypes } from './codegen.ts';
import type { Database } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const newWorkspace = (slug: string) => ({ id: crypto.randomUUID(), name: slug, slug });

describe(`database (${testDatabaseKind})`, () => {
  it('reports its kind', () => {
    expect(database.kind).toBe(testDatabaseKind);
  });

  it('runs its sessions without JIT compilation (it only slows the reports down)', async () => {
    const { rows } = await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(database.db);
    expect(rows[0]!.jit).toBe('off');
  });

  it('keeps a concurrent write outside a failing transaction when that transaction rolls back', async () => {
    const { db } = database;
    const inside = newWorkspace('inside-tx');
    const outside = newWorkspace('outside-tx');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const failing = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('workspace').values(inside).execute();
        await gate;
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    // Issued while the transaction is open; it must not join it.
    const concurrent = db.insertInto('workspace').values(outside).execute();
    release();
    expect(await failing).toBe('roll back');
    await concurrent;
    const slugs = (await db.selectFrom('workspace').select('slug').execute()).map((r) => r.slug);
    expect(slugs).toContain('outside-tx');
    expect(slugs).not.toContain('inside-tx');
  });

  it('has pg_trgm and unaccent, and normalises diacritics and Cyrillic for search', async () => {
    const { rows } = await sql<{ a: string; b: string; c: string; sim: number }>`
      select kontakt_normalize('Łódź Árvíztűrő Ștefan') as a,
             kontakt_normalize('Шевченко Їжак') as b,
             kontakt_normalize('ŻÓŁĆ') as c,
             similarity('kovacs', kontakt_normalize('Kovács')) as sim`.execute(database.db);
    expect(rows[0]!.a).toBe('lodz arvizturo stefan');
    expect(rows[0]!.b).toBe('shevchenko izhak');
    expect(rows[0]!.c).toBe('zolc');
    expect(rows[0]!.sim).toBe(1);
  });

  it('applies migrations once: a second run applies nothing', async () => {
    const again = await migrate(database);
    expect(again.applied).toEqual([]);
    const rows = await database.db.selectFrom('schemaMigration').select('name').execute();
    expect(rows.map((r) => r.name).sort()).toEqual(listMigrations().map((m) => m.name));
  });

  it('has table types in code that match the migrated schema (run `npm run db:types` when this fails)', async () => {
    const committed = readFileSync(join(import.meta.dirname, 'schema.ts'), 'utf8');
    expect(await generateSchemaTypes(database.db)).toBe(committed);
  });
});
