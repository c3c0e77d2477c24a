import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { buildMeta } from '../../platform/records/meta.ts';
import { findRecord } from '../../platform/records/query.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from '../../platform/records/test-fixture.ts';
import { createRecord } from '../../platform/records/write.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './custom-field.service.ts';

let database: Database;
let f: RecordsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
});
afterAll(() => database.close());

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
const base = { entity: 'testItem', label: { en: 'Tier', ro: 'Nivel' }, required: false, position: 0 };

describe(`custom fields (${testDatabaseKind})`, () => {
  it('lets administrators define fields; keys are unique per entity; options only for selects', async () => {
    const tier = await createCustomField(database.db, f.admin, { ...base, key: 'tier', type: 'select', options: ['gold', 'silver'] });
    expect(tier).toMatchObject({ key: 'tier', type: 'select', options: ['gold', 'silver'], version: 1 });
    expect(await code(createCustomField(database.db, f.admin, { ...base, key: 'tier', type: 'text' }))).toBe('CONFLICT');
    expect(await code(createCustomField(database.db, f.member, { ...base, key: 'other', type: 'text' }))).toBe('FORBIDDEN');
    expect(await code(createCustomField(database.db, f.admin, { ...base, key: 'pick', type: 'select' }))).toBe('VALIDATION');
    expect(await code(createCustomField(database.db, f.admin, { ...base, key: 'txt', type: 'text', options: ['a'] }))).toBe('VALIDATION');
    expect(await code(createCustomField(database.db, f.admin, { ...base, entity: 'nothing', key: 'x', type: 'text' }))).toBe('VALIDATION');
    expect((await listCustomFields(database.db, f.member, 'testItem')).map((c) => c.key)).toEqual(['tier']);
    expect(await listCustomFields(database.db, f.foreign, 'testItem')).toEqual([]);
  });

  it('updates with optimistic locking and shows in meta', async () => {
    const [tier] = await listCustomFields(database.db, f.admin, 'testItem');
    const updated = await updateCustomField(database.db, f.admin, tier!.id, { label: { en: 'Level' }, options: ['gold', 'silver', 'bronze'], version: 1 });
    expect(updated).toMatchObject({ label: { en: 'Level' }, version: 2 });
    expect(await code(updateCustomField(database.db, f.admin, tier!.id, { position: 3, version: 1 }))).toBe('VERSION_CONFLICT');
    expect(await code(updateCustomField(database.db, f.foreign, tier!.id, { position: 3, version: 2 }))).toBe('NOT_FOUND');
    const meta = await buildMeta(database.db, f.member);
    const item = meta.entities.find((e) => e.name === 'testItem')!;
    expect(item.customFields).toEqual([
      expect.objectContaining({ key: 'tier', path: 'custom.tier', type: 'select', options: ['gold', 'silver', 'bronze'] }),
    ]);
  });

  it('deleting a field removes its values from the records', async () => {
    const [tier] = await listCustomFields(database.db, f.admin, 'testItem');
    const row = await createRecord(database.db, f.admin, itemEntity, { name: 'Has tier', custom: { tier: 'gold' } });
    await deleteCustomField(database.db, f.admin, tier!.id);
    expect((await findRecord(database.db, f.admin, itemEntity, row.id)).custom).toEqual({});
    expect(await listCustomFields(database.db, f.admin, 'testItem')).toEqual([]);
    // the key can be defined again, with another type, without meeting stale values
    await createCustomField(database.db, f.admin, { ...base, key: 'tier', type: 'number' });
    expect(await code(createRecord(database.db, f.admin, itemEntity, { name: 'N', custom: { tier: 3 } }))).toBe('ok');
  });
});
