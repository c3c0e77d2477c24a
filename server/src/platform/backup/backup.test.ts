// A backup restores: the demo workspace (as `kontakt seed --demo` fills it), a small benchmark
// workspace (bench/lib/seed.ts, as `npm run bench:data` fills it) and a few hard cases go through
// `backup` and `restore` into a fresh database of each kind — PGlite → PostgreSQL and back when
// TEST_DATABASE_URL is set — and every table comes back with the same rows (count and checksum).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchWorkspace, seedBulk } from '../../../../bench/lib/seed.ts';
import type { Database } from '../../db/database.ts';
import { seedDemo } from '../../modules/demo/seed.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { createWorkspace } from '../auth/workspace-setup.ts';
import { DiskBlobStore } from '../files/blob-store.ts';
import { newId } from '../ids.ts';
import { BackupError, backup, RestoreError, restore } from './backup.ts';
import { applicationTables } from './tables.ts';

const dir = mkdtempSync(join(tmpdir(), 'kontakt-backup-'));
let t: TestApp;
let source: Database;
const sourceBlobs = new DiskBlobStore(join(dir, 'source-files'));
const archive = join(dir, 'backup.jsonl.gz');
let sha256: string;
let childUnit: string;
let written: { tables: number; rows: number; files: number };
let expected: Record<string, { n: number; sum: string }>;

/**
 * Per table: its row count and an md5 over its rows' content (as JSON in UTC, keys sorted by jsonb),
 * in an order independent of collation. Generated columns are left out: they are recomputed.
 */
async function fingerprint(database: Database): Promise<Record<string, { n: number; sum: string }>> {
  const tables = await applicationTables(database.db);
  return database.db
    .withoutPlugins()
    .transaction()
    .execute(async (trx) => {
      await sql`set local timezone to 'UTC'`.execute(trx);
      const out: Record<string, { n: number; sum: string }> = {};
      for (const table of tables) {
        const row = sql`(to_jsonb(t) - ${sql.val(table.generated)}::text[])::text`;
        const { rows } = await sql<{ n: number; sum: string | null }>`
          select count(*)::int as n, md5(string_agg(md5(${row}), '' order by md5(${row}) collate "C")) as sum
          from ${sql.table(table.name)} as t`.execute(trx);
        out[table.name] = { n: rows[0]!.n, sum: rows[0]!.sum ?? '' };
      }
      return out;
    });
}

beforeAll(async () => {
  // the whole application (its entities registered) over a fresh database, as `kontakt seed --demo` has it
  t = await createTestApp();
  source = t.database;
  const demo = await createWorkspace(source.db, { workspaceName: 'Demo SRL', name: 'Ana', email: `ana-${newId()}@demo.example`, password: 'password-123', locale: 'ro' });
  expect((await seedDemo(source.db, demo.workspaceId, demo.userId)).skipped).toBe(false);
  const bench = await createBenchWorkspace(source.db);
  await seedBulk(source.db, bench.workspaceId, bench.userId, { partners: 60, contacts: 120, activities: 300, opportunities: 40, users: 5 });
  await t.ctx.worker.drain();

  const { workspaceId } = await createWorkspace(source.db, {
    workspaceName: 'Backup SRL',
    name: 'Ana',
    email: `ana-${newId()}@example.ro`,
    password: 'password-123',
  });
  const root = await source.db.selectFrom('orgUnit').select(['id', 'path']).where('workspaceId', '=', workspaceId).executeTakeFirstOrThrow();
  // a child inserted before its parent in key order exercises the self-reference handling
  const parent = newId();
  childUnit = newId();
  await source.db
    .insertInto('orgUnit')
    .values([
      { id: parent, workspaceId, parentId: root.id, name: 'Vânzări', path: `${root.path}${parent}/` },
      { id: childUnit, workspaceId, parentId: parent, name: 'Iași', path: `${root.path}${parent}/${childUnit}/` },
    ])
    .execute();
  // more audit rows than one batch, with identity ids
  await sql`insert into audit_log (workspace_id, entity, record_id, action, changes)
    select ${workspaceId}, 'thing', gen_random_uuid(), 'created', jsonb_build_object('n', g)
    from generate_series(1, 2500) g`.execute(source.db);
  const stored = await sourceBlobs.put(Readable.from(Buffer.from('Ofertă – Łódź – Шевченко')));
  sha256 = stored.sha256;
  await source.db.insertInto('fileBlob').values({ sha256, size: String(stored.size), mimeType: 'text/plain' }).execute();
  written = await backup(source.db, sourceBlobs, archive);
  expected = await fingerprint(source);
}, 300_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const targets: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

describe(`backup and restore (from ${testDatabaseKind})`, () => {
  it('writes every table, the demo and benchmark records and the generated columns among them, and checks the archive', () => {
    for (const table of ['partner', 'contact', 'opportunity', 'event', 'task', 'contract', 'audit_log', 'search_document', 'org_unit', 'users']) {
      expect(expected[table]?.n, table).toBeGreaterThan(0);
    }
    expect(written).toEqual({ tables: Object.keys(expected).length, rows: Object.values(expected).reduce((a, b) => a + b.n, 0), files: 1 });
    expect(existsSync(`${archive}.partial`)).toBe(false);
  });

  for (const kind of targets) {
    it(`restores every table's rows (to the checksum) and every file into a fresh ${kind} database`, async () => {
      const target = await createTestDatabase(kind);
      const blobs = new DiskBlobStore(join(dir, `target-${kind}-files`));
      try {
        const result = await restore(target.db, blobs, archive);
        expect(result.files).toBe(1);
        const got = await fingerprint(target);
        expect(Object.keys(got).filter((k) => got[k]!.sum !== expected[k]!.sum || got[k]!.n !== expected[k]!.n).map((k) => [k, got[k], expected[k]])).toEqual([]);
        // the generated columns are computed again, so the quick search finds the restored partners
        const { rows: searchable } = await sql<{ n: number }>`select count(*)::int as n from partner where search_text is not null`.execute(target.db);
        expect(searchable[0]!.n).toBe(expected.partner!.n);
        const child = await target.db.selectFrom('orgUnit').select(['name', 'parentId']).where('id', '=', childUnit).executeTakeFirstOrThrow();
        expect(child.name).toBe('Iași');
        expect(child.parentId).not.toBeNull();
        const chunks: Buffer[] = [];
        for await (const c of blobs.get(sha256)) chunks.push(c as Buffer);
        expect(Buffer.concat(chunks).toString()).toBe('Ofertă – Łódź – Шевченко');
        // identity sequences continue after the restored ids
        const { rows } = await sql<{ id: string }>`insert into audit_log (workspace_id, entity, record_id, action)
          select id, 'x', gen_random_uuid(), 'y' from workspace limit 1 returning id::text as id`.execute(target.db);
        const { rows: max } = await sql<{ m: string }>`select max(id)::text as m from audit_log`.execute(source.db);
        expect(BigInt(rows[0]!.id)).toBeGreaterThan(BigInt(max[0]!.m));
        // a second restore is refused without --force, accepted with it
        await expect(restore(target.db, blobs, archive)).rejects.toThrow(RestoreError);
        await restore(target.db, blobs, archive, { force: true });
        expect((await fingerprint(target)).partner).toEqual(expected.partner);
      } finally {
        await target.close();
      }
    }, 180_000);
  }

  it('refuses an archive from a newer schema and a file that is not a backup', async () => {
    const target = await createTestDatabase('pglite');
    try {
      await target.db.deleteFrom('schemaMigration').where('name', '=', '20261123001000_api_keys').execute();
      await expect(restore(target.db, sourceBlobs, archive)).rejects.toThrow(/newer Kontakt CRM/);
      const bogus = join(dir, 'bogus.gz');
      writeFileSync(bogus, gzipSync('{"hello":"world"}\n'));
      await expect(restore(target.db, sourceBlobs, bogus)).rejects.toThrow(/not a Kontakt CRM backup/);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('does not report success for an archive that does not read back as written (a stored file changed on disk)', async () => {
    const blobs = new DiskBlobStore(join(dir, 'corrupt-files'));
    await blobs.put(Readable.from(Buffer.from('Ofertă – Łódź – Шевченко')));
    const path = join(dir, 'corrupt-files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    writeFileSync(path, `${readFileSync(path, 'utf8')} (changed)`);
    const file = join(dir, 'corrupt.jsonl.gz');
    await expect(backup(source.db, blobs, file)).rejects.toThrow(BackupError);
    await expect(backup(source.db, blobs, file)).rejects.toThrow(new RegExp(sha256));
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
