import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { newId } from '../../platform/ids.ts';
import { listRecords } from '../../platform/records/query.ts';
import { type RecordsFixture, setupRecordsFixture } from '../../platform/records/test-fixture.ts';
import { createRecord, deleteRecord, updateRecord } from '../../platform/records/write.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { orgUnitEntity } from './org-unit.entity.ts';

let database: Database;
let f: RecordsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
});
afterAll(() => database.close());

const create = (values: Record<string, unknown>) => createRecord(database.db, f.admin, orgUnitEntity, values);
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
const pathOf = async (id: string) =>
  (await database.db.selectFrom('orgUnit').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

describe(`org units (${testDatabaseKind})`, () => {
  it('keeps materialised paths, moves whole subtrees and refuses cycles', async () => {
    const sales = await create({ name: 'Sales', code: 'S', parentId: f.unitId });
    const north = await create({ name: 'North', parentId: sales.id });
    const cluj = await create({ name: 'Cluj', parentId: north.id });
    const service = await create({ name: 'Service', parentId: f.unitId });
    expect(cluj.path).toBe(`/${f.unitId}/${sales.id}/${north.id}/${cluj.id}/`);

    const moved = await updateRecord(database.db, f.admin, orgUnitEntity, north.id, { parentId: service.id, version: 1 });
    expect(moved.path).toBe(`/${f.unitId}/${service.id}/${north.id}/`);
    expect(await pathOf(cluj.id)).toBe(`/${f.unitId}/${service.id}/${north.id}/${cluj.id}/`);
    expect(await pathOf(sales.id)).toBe(`/${f.unitId}/${sales.id}/`);

    expect(await code(updateRecord(database.db, f.admin, orgUnitEntity, north.id, { parentId: cluj.id, version: 2 }))).toBe('RULE');
    expect(await code(updateRecord(database.db, f.admin, orgUnitEntity, north.id, { parentId: north.id, version: 2 }))).toBe('RULE');
    expect(await pathOf(cluj.id)).toBe(`/${f.unitId}/${service.id}/${north.id}/${cluj.id}/`);

    const toRoot = await updateRecord(database.db, f.admin, orgUnitEntity, north.id, { parentId: null, version: 2 });
    expect(toRoot.path).toBe(`/${north.id}/`);
    expect(await pathOf(cluj.id)).toBe(`/${north.id}/${cluj.id}/`);
  });

  it('filters through the parent and children relations', async () => {
    const hq = await create({ name: 'Headquarters Iași', parentId: f.unitId });
    await create({ name: 'Finance', parentId: hq.id });
    await create({ name: 'Legal', parentId: hq.id });
    const byParent = await listRecords(database.db, f.admin, orgUnitEntity, {
      filter: { field: 'parent.name', op: 'contains', value: 'iasi' },
      sort: 'name',
    });
    expect(byParent.data.map((u) => u.name)).toEqual(['Finance', 'Legal']);
    const byChild = await listRecords(database.db, f.admin, orgUnitEntity, {
      filter: { field: 'children.name', op: 'eq', value: 'Legal' },
    });
    expect(byChild.data.map((u) => u.name)).toEqual(['Headquarters Iași']);
    await expect(
      listRecords(database.db, f.admin, orgUnitEntity, { filter: { field: 'parent.nope', op: 'eq', value: 'x' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses deleting a unit with children or users', async () => {
    const parent = await create({ name: 'Parent' });
    const child = await create({ name: 'Child', parentId: parent.id });
    expect(await code(deleteRecord(database.db, f.admin, orgUnitEntity, parent.id))).toBe('RULE');
    await database.db.updateTable('users').set({ orgUnitId: child.id }).where('id', '=', f.reader.userId).execute();
    expect(await code(deleteRecord(database.db, f.admin, orgUnitEntity, child.id))).toBe('RULE');
    await database.db.updateTable('users').set({ orgUnitId: null }).where('id', '=', f.reader.userId).execute();
    expect(await code(deleteRecord(database.db, f.admin, orgUnitEntity, child.id))).toBe('ok');
    expect(await code(deleteRecord(database.db, f.admin, orgUnitEntity, parent.id))).toBe('ok');
  });

  it('lets every member read, only administrators write, and never link across workspaces', async () => {
    const list = await listRecords(database.db, f.reader, orgUnitEntity, { filter: { field: 'name', op: 'eq', value: 'Company' } });
    expect(list.data).toHaveLength(1);
    expect(await code(createRecord(database.db, f.member, orgUnitEntity, { name: 'Mine' }))).toBe('FORBIDDEN');
    expect(await code(updateRecord(database.db, f.member, orgUnitEntity, f.unitId, { name: 'X', version: 1 }))).toBe('FORBIDDEN');
    const foreign = newId();
    await database.db.insertInto('orgUnit').values({ id: foreign, workspaceId: f.otherWs, name: 'B', path: `/${foreign}/` }).execute();
    expect(await code(create({ name: 'Bad', parentId: foreign }))).toBe('VALIDATION');
  });
});
