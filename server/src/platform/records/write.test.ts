import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import '../../modules/admin/org-unit.entity.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { listRecords, findRecord } from './query.ts';
import { recordHistory } from './history.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';
import { createRecord, deleteRecord, restoreRecord, updateRecord, bulkRecords } from './write.ts';

let database: Database;
let f: RecordsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
});
afterAll(() => database.close());

describe(`records writes (${testDatabaseKind})`, () => {
  it('creates, reads, updates with a version', async () => {
    const created = await createRecord(database.db, f.admin, itemEntity, { name: 'Alpha', amount: '12.50', tags: ['a', 'b'], happenedAt: '2026-01-02T03:04:05Z' });
    expect(created).toMatchObject({ name: 'Alpha', amount: '12.50', tags: ['a', 'b'], version: 1 });
    const updated = await updateRecord(database.db, f.admin, itemEntity, created.id, { name: 'Beta', version: 1 });
    expect(updated.version).toBe(2);
    const page = await listRecords(database.db, f.admin, itemEntity, {});
    expect(page.data.map((r) => r.name)).toEqual(['Beta']);
    const h = await recordHistory(database.db, f.admin, itemEntity, created.id);
    expect(h.data[0]!.changes).toEqual({ name: ['Alpha', 'Beta'] });
    await deleteRecord(database.db, f.admin, itemEntity, created.id);
    await restoreRecord(database.db, f.admin, itemEntity, created.id);
    expect((await findRecord(database.db, f.admin, itemEntity, created.id)).version).toBe(4);
    const bulk = await bulkRecords(database.db, f.admin, itemEntity, { action: 'update', ids: [created.id], patch: { qty: 3 } });
    expect(bulk).toEqual([{ id: created.id, ok: true }]);
  });
});
