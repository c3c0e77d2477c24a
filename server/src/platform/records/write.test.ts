import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createCustomField } from '../../modules/admin/custom-field.service.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordHistory } from './history.ts';
import { findRecord, listRecords } from './query.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';
import { bulkRecords, createRecord, deleteRecord, restoreRecord, updateRecord, versionFromIfMatch } from './write.ts';

let database: Database;
let f: RecordsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
  await createCustomField(database.db, f.admin, { entity: 'testItem', key: 'tier', type: 'select', options: ['a', 'b'], label: { en: 'Tier' }, required: false, position: 0 });
  await createCustomField(database.db, f.admin, { entity: 'testItem', key: 'budget', type: 'money', label: { ro: 'Buget' }, required: false, position: 1 });
});
afterAll(() => database.close());

const create = (values: Record<string, unknown>, actor = f.admin) => createRecord(database.db, actor, itemEntity, values);
async function error(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}
const auditCount = async (id: string) =>
  (await database.db.selectFrom('auditLog').select('id').where('recordId', '=', id).execute()).length;

describe(`records writes (${testDatabaseKind})`, () => {
  it('creates with typed values, audit row and outbox event', async () => {
    const row = await create({
      name: 'Alpha',
      amount: '12.50',
      currency: 'RON',
      tags: ['a', 'b'],
      happenedAt: '2026-01-02T03:04:05Z',
      dueOn: '2026-02-03',
      custom: { tier: 'a' },
    });
    expect(row).toMatchObject({ name: 'Alpha', amount: '12.50', tags: ['a', 'b'], dueOn: '2026-02-03', version: 1, custom: { tier: 'a' } });
    expect(row.happenedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(row.createdBy).toBe(f.admin.userId);
    expect(row).not.toHaveProperty('secretNote');
    const events = await database.db.selectFrom('outboxEvent').select(['type']).where('recordId', '=', row.id).execute();
    expect(events.map((e) => e.type)).toEqual(['testItem.created']);
  });

  it('rejects unknown fields, bad types, read-only fields and bad custom values, writing nothing', async () => {
    const before = (await listRecords(database.db, f.admin, itemEntity, { limit: 500 })).data.length;
    expect((await error(create({ name: 'X', bogus: 1 }))).code).toBe('VALIDATION');
    expect((await error(create({ name: 'X', qty: 'many' }))).errors?.[0]?.path).toBe('qty');
    expect((await error(create({ name: 'X', version: 5 }))).code).toBe('VALIDATION');
    expect((await error(create({ qty: 1 }))).errors?.[0]?.path).toBe('name');
    expect((await error(create({ name: 'X', custom: { nope: 1 } }))).errors?.[0]?.path).toBe('custom.nope');
    expect((await error(create({ name: 'X', custom: { tier: 'z' } }))).errors?.[0]?.path).toBe('custom.tier');
    expect((await error(create({ name: 'X', custom: { budget: 12 } }))).errors?.[0]?.path).toBe('custom.budget');
    expect((await listRecords(database.db, f.admin, itemEntity, { limit: 500 })).data.length).toBe(before);
  });

  it('requires custom fields marked required', async () => {
    await createCustomField(database.db, f.admin, { entity: 'testItem', key: 'region', type: 'text', label: { en: 'Region' }, required: true, position: 2 });
    expect((await error(create({ name: 'No region' }))).errors?.[0]).toMatchObject({ path: 'custom.region', message: 'Required' });
    const row = await create({ name: 'With region', custom: { region: 'Cluj' } });
    expect((await error(updateRecord(database.db, f.admin, itemEntity, row.id, { custom: { region: null }, version: 1 }))).code).toBe('VALIDATION');
    await database.db.updateTable('customField').set({ required: false }).where('key', '=', 'region').execute();
  });

  it('does not block updates on stale custom keys already stored, but refuses new unknown ones', async () => {
    const row = await create({ name: 'Legacy' });
    await sql`update test_item set custom = custom || '{"legacy": 1}'::jsonb where id = ${row.id}::uuid`.execute(database.db);
    const updated = await updateRecord(database.db, f.admin, itemEntity, row.id, { custom: { tier: 'b' }, version: 1 });
    expect(updated.custom).toEqual({ legacy: 1, tier: 'b' });
    expect((await error(updateRecord(database.db, f.admin, itemEntity, row.id, { custom: { legacy: 2 }, version: 2 }))).code).toBe('VALIDATION');
  });

  it('refuses references to another workspace’s rows', async () => {
    const foreignUnit = newId();
    await database.db.insertInto('orgUnit').values({ id: foreignUnit, workspaceId: f.otherWs, name: 'B', path: `/${foreignUnit}/` }).execute();
    expect((await error(create({ name: 'X', orgUnitId: foreignUnit }))).errors?.[0]?.path).toBe('orgUnitId');
    expect((await error(create({ name: 'X', ownerId: f.foreign.userId }))).errors?.[0]?.path).toBe('ownerId');
    expect((await create({ name: 'Y', orgUnitId: f.unitId, ownerId: f.member.userId })).orgUnitId).toBe(f.unitId);
  });

  it('requires a version, answers 409 with the current version on a stale one and changes nothing', async () => {
    const row = await create({ name: 'Locked' });
    expect((await error(updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'No version' }))).errors?.[0]?.path).toBe('version');
    await updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'V2' }, versionFromIfMatch('"1"'));
    const stale = await error(updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'Stale', version: 1 }));
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect(stale.details).toEqual({ currentVersion: 2 });
    const now = await findRecord(database.db, f.admin, itemEntity, row.id);
    expect(now).toMatchObject({ name: 'V2', version: 2 });
    expect(await auditCount(row.id)).toBe(2);
    expect(versionFromIfMatch('W/"7"')).toBe(7);
    expect(() => versionFromIfMatch('abc')).toThrow(AppError);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const row = await create({ name: 'Race' });
    const results = await Promise.allSettled([
      updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'First', version: 1 }),
      updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'Second', version: 1 }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect((failed[0]!.reason as AppError).code).toBe('VERSION_CONFLICT');
    const now = await findRecord(database.db, f.admin, itemEntity, row.id);
    expect(now.version).toBe(2);
    expect(now.name).toBe((ok[0] as PromiseFulfilledResult<Record<string, unknown>>).value.name);
  });

  it('soft-deletes to the trash and restores', async () => {
    const row = await create({ name: 'Trashy' });
    await deleteRecord(database.db, f.admin, itemEntity, row.id);
    expect((await error(findRecord(database.db, f.admin, itemEntity, row.id))).code).toBe('NOT_FOUND');
    expect((await error(updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'x', version: 2 }))).code).toBe('NOT_FOUND');
    const live = await listRecords(database.db, f.admin, itemEntity, { limit: 500 });
    expect(live.data.map((r) => r.id)).not.toContain(row.id);
    const trash = await listRecords(database.db, f.admin, itemEntity, { trash: true, limit: 500 });
    expect(trash.data.map((r) => r.id)).toEqual([row.id]);
    expect(trash.data[0]!.deletedAt).toEqual(expect.any(String));
    expect((await error(deleteRecord(database.db, f.admin, itemEntity, row.id))).code).toBe('NOT_FOUND');
    const restored = await restoreRecord(database.db, f.admin, itemEntity, row.id);
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    expect((await error(restoreRecord(database.db, f.admin, itemEntity, row.id))).code).toBe('NOT_FOUND');
    expect((await listRecords(database.db, f.admin, itemEntity, { trash: true })).data).toEqual([]);
  });

  it('keeps a history of field diffs (custom fields too) with the actor’s name, newest first', async () => {
    const row = await create({ name: 'Hist', qty: 1, custom: { tier: 'a' } });
    await updateRecord(database.db, f.admin, itemEntity, row.id, { qty: 2, custom: { tier: 'b', budget: '10.00' }, version: 1 });
    await updateRecord(database.db, f.admin, itemEntity, row.id, { name: 'History', version: 2 });
    await deleteRecord(database.db, f.admin, itemEntity, row.id);
    const first = await recordHistory(database.db, f.admin, itemEntity, row.id, { limit: 2 });
    expect(first.data.map((h) => h.action)).toEqual(['deleted', 'updated']);
    expect(first.data[1]!.changes).toEqual({ name: ['Hist', 'History'] });
    expect(first.data[1]!.actorName).toBe('Ana Admin');
    const second = await recordHistory(database.db, f.admin, itemEntity, row.id, { cursor: first.nextCursor!, limit: 2 });
    expect(second.data.map((h) => h.action)).toEqual(['updated', 'created']);
    expect(second.data[0]!.changes).toEqual({ qty: [1, 2], 'custom.tier': ['a', 'b'], 'custom.budget': [null, '10.00'] });
    expect(second.data[1]!.changes).toMatchObject({ name: [null, 'Hist'], 'custom.tier': [null, 'a'] });
    expect(second.nextCursor).toBeNull();
  });

  it('answers bulk actions per item', async () => {
    const a = await create({ name: 'Bulk A' });
    const b = await create({ name: 'Bulk B' });
    const missing = newId();
    const results = await bulkRecords(database.db, f.admin, itemEntity, { action: 'update', ids: [a.id, missing, b.id], patch: { qty: 9 } });
    expect(results).toEqual([
      { id: a.id, ok: true },
      { id: missing, ok: false, error: { code: 'NOT_FOUND', message: 'testItem was not found' } },
      { id: b.id, ok: true },
    ]);
    expect((await findRecord(database.db, f.admin, itemEntity, b.id)).qty).toBe(9);
    expect((await error(bulkRecords(database.db, f.admin, itemEntity, { action: 'update', ids: [a.id], patch: { qty: 'x' } }))).code).toBe(
      'VALIDATION',
    );
    const deleted = await bulkRecords(database.db, f.admin, itemEntity, { action: 'delete', ids: [a.id, b.id] });
    expect(deleted.every((r) => r.ok)).toBe(true);
    const again = await bulkRecords(database.db, f.admin, itemEntity, { action: 'delete', ids: [a.id] });
    expect(again[0]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('limits writes to the actor’s scope: 404 outside it, 403 without the permission', async () => {
    const adminRow = await create({ name: 'Admin owned', ownerId: f.admin.userId });
    const own = await create({ name: 'Member owned', ownerId: f.member.userId }, f.member);
    expect((await updateRecord(database.db, f.member, itemEntity, own.id, { qty: 1, version: 1 })).qty).toBe(1);
    expect((await error(updateRecord(database.db, f.member, itemEntity, adminRow.id, { qty: 1, version: 1 }))).code).toBe('NOT_FOUND');
    expect((await error(deleteRecord(database.db, f.member, itemEntity, adminRow.id))).code).toBe('NOT_FOUND');
    expect((await error(findRecord(database.db, f.member, itemEntity, adminRow.id))).code).toBe('NOT_FOUND');
    expect((await error(create({ name: 'Reader' }, f.reader))).code).toBe('FORBIDDEN');
    expect((await create({ name: 'Default owner' }, f.member)).ownerId).toBe(f.member.userId);
    expect((await error(create({ name: 'Given away', ownerId: f.admin.userId }, f.member))).code).toBe('FORBIDDEN');
    expect((await error(updateRecord(database.db, f.reader, itemEntity, own.id, { qty: 2, version: 2 }))).code).toBe('FORBIDDEN');
    expect((await findRecord(database.db, f.reader, itemEntity, own.id)).qty).toBe(1);
  });

  it('hides confidential rows from non-owners even with read-all', async () => {
    const secret = await create({ name: 'Secret', ownerId: f.admin.userId, confidential: true });
    expect((await error(findRecord(database.db, f.reader, itemEntity, secret.id))).code).toBe('NOT_FOUND');
    const list = await listRecords(database.db, f.reader, itemEntity, { limit: 500 });
    expect(list.data.map((r) => r.id)).not.toContain(secret.id);
  });
});
