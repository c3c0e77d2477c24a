import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { createWorkspace } from '../auth/workspace-setup.ts';
import { DiskBlobStore } from '../files/blob-store.ts';
import { newId } from '../ids.ts';
import { backup, RestoreError, restore } from './backup.ts';
import { applicationTables } from './tables.ts';

const dir = mkdtempSync(join(tmpdir(), 'kontakt-backup-'));
let source: Database;
const sourceBlobs = new DiskBlobStore(join(dir, 'source-files'));
const archive = join(dir, 'backup.jsonl.gz');
let sha256: string;
let childUnit: string;

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await applicationTables(database.db)) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table.name)}`.execute(database.db);
    out[table.name] = rows[0]!.n;
  }
  return out;
}

async function freshTarget(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrate(database);
    return database;
  }
  const previous = process.env.KONTAKT_TEST_DB;
  process.env.KONTAKT_TEST_DB = 'postgres';
  try {
    const { createTestDatabase: create } = await import('../../test/database.ts');
    return await create();
  } finally {
    process.env.KONTAKT_TEST_DB = previous;
  }
}

beforeAll(async () => {
  source = await createTestDatabase();
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
  await backup(source.db, sourceBlobs, archive);
}, 120_000);
afterAll(() => source.close());

const targets: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

describe(`backup and restore (from ${testDatabaseKind})`, () => {
  for (const kind of targets) {
    it(`restores every row and file into a fresh ${kind} database`, async () => {
      const target = await freshTarget(kind);
      const blobs = new DiskBlobStore(join(dir, `target-${kind}-files`));
      try {
        const result = await restore(target.db, blobs, archive);
        expect(result.files).toBe(1);
        expect(await counts(target)).toEqual(await counts(source));
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
        expect((await counts(target)).audit_log).toBe((await counts(source)).audit_log);
      } finally {
        await target.close();
      }
    }, 120_000);
  }

  it('refuses an archive from a newer schema and a file that is not a backup', async () => {
    const target = await freshTarget('pglite');
    try {
      await target.db.deleteFrom('schemaMigration').where('name', '=', '20261123001000_api_keys').execute();
      await expect(restore(target.db, sourceBlobs, archive)).rejects.toThrow(/newer Kontakt CRM/);
      const { writeFileSync } = await import('node:fs');
      const { gzipSync } = await import('node:zlib');
      const bogus = join(dir, 'bogus.gz');
      writeFileSync(bogus, gzipSync('{"hello":"world"}\n'));
      await expect(restore(target.db, sourceBlobs, bogus)).rejects.toThrow(/not a Kontakt CRM backup/);
    } finally {
      await target.close();
    }
  });
});
