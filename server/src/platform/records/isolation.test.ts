import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { orgUnitEntity } from '../../modules/admin/org-unit.entity.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { exportRecords } from './export.ts';
import { recordHistory } from './history.ts';
import { findRecord, listRecords } from './query.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';
import { bulkRecords, createRecord, deleteRecord, restoreRecord, updateRecord } from './write.ts';

let database: Database;
let f: RecordsFixture;
let live: string;
let trashed: string;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
  live = (await createRecord(database.db, f.admin, itemEntity, { name: 'A secret deal' })).id;
  trashed = (await createRecord(database.db, f.admin, itemEntity, { name: 'A trashed deal' })).id;
  await deleteRecord(database.db, f.admin, itemEntity, trashed);
});
afterAll(() => database.close());

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);

describe(`workspace isolation (${testDatabaseKind})`, () => {
  it('answers 404 to another workspace’s administrator for every record operation', async () => {
    const b = f.foreign;
    expect(b.isAdmin).toBe(true);
    expect(await code(findRecord(database.db, b, itemEntity, live))).toBe('NOT_FOUND');
    expect(await code(updateRecord(database.db, b, itemEntity, live, { name: 'pwned', version: 1 }))).toBe('NOT_FOUND');
    expect(await code(deleteRecord(database.db, b, itemEntity, live))).toBe('NOT_FOUND');
    expect(await code(restoreRecord(database.db, b, itemEntity, trashed))).toBe('NOT_FOUND');
    expect(await code(recordHistory(database.db, b, itemEntity, live))).toBe('NOT_FOUND');
    expect(await bulkRecords(database.db, b, itemEntity, { action: 'delete', ids: [live] })).toEqual([
      { id: live, ok: false, error: { code: 'NOT_FOUND', message: 'testItem was not found' } },
    ]);
    const row = await findRecord(database.db, f.admin, itemEntity, live);
    expect(row).toMatchObject({ name: 'A secret deal', version: 1, deletedAt: null });
  });

  it('never lists or exports another workspace’s rows', async () => {
    const b = f.foreign;
    expect((await listRecords(database.db, b, itemEntity, {})).data).toEqual([]);
    expect((await listRecords(database.db, b, itemEntity, { trash: true })).data).toEqual([]);
    expect((await listRecords(database.db, b, itemEntity, { q: 'secret' })).data).toEqual([]);
    const exported = await exportRecords(database.db, b, itemEntity, { format: 'csv' });
    let text = '';
    for await (const chunk of exported.stream as Readable) text += chunk.toString();
    expect(text).not.toContain('secret');
    expect(text.trim().split('\n')).toHaveLength(1);
    const units = await listRecords(database.db, b, orgUnitEntity, {});
    expect(units.data).toEqual([]);
    expect(await code(findRecord(database.db, b, orgUnitEntity, f.unitId))).toBe('NOT_FOUND');
  });
});
