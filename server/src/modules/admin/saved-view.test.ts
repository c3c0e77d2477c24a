import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { type RecordsFixture, setupRecordsFixture } from '../../platform/records/test-fixture.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-view.service.ts';

let database: Database;
let f: RecordsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
});
afterAll(() => database.close());

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code);
const definition = { filter: { field: 'status', op: 'eq', value: 'open' }, sort: '-updatedAt', columns: ['name', 'status'] };

describe(`saved views (${testDatabaseKind})`, () => {
  it('keeps personal views to their owner and shows shared views to the workspace', async () => {
    const mine = await createSavedView(database.db, f.member, { entity: 'testItem', name: 'My open', shared: false, definition });
    expect(mine).toMatchObject({ mine: true, shared: false, ownerId: f.member.userId, definition });
    const shared = await createSavedView(database.db, f.admin, { entity: 'testItem', name: 'Team open', shared: true, definition });
    expect((await listSavedViews(database.db, f.member, 'testItem')).map((v) => v.name)).toEqual(['My open', 'Team open']);
    expect((await listSavedViews(database.db, f.reader, 'testItem')).map((v) => v.name)).toEqual(['Team open']);
    expect(await listSavedViews(database.db, f.foreign)).toEqual([]);

    expect(await code(createSavedView(database.db, f.member, { entity: 'testItem', name: 'X', shared: true, definition }))).toBe('FORBIDDEN');
    expect(await code(updateSavedView(database.db, f.member, shared.id, { name: 'Mine now', version: 1 }))).toBe('FORBIDDEN');
    expect(await code(deleteSavedView(database.db, f.member, shared.id))).toBe('FORBIDDEN');
    expect(await code(updateSavedView(database.db, f.reader, mine.id, { name: 'Hijack', version: 1 }))).toBe('NOT_FOUND');
    expect(await code(updateSavedView(database.db, f.member, mine.id, { shared: true, version: 1 }))).toBe('FORBIDDEN');

    const renamed = await updateSavedView(database.db, f.member, mine.id, { name: 'Mine, renamed', version: 1 });
    expect(renamed.version).toBe(2);
    expect(await code(updateSavedView(database.db, f.member, mine.id, { name: 'stale', version: 1 }))).toBe('VERSION_CONFLICT');
    expect(await code(updateSavedView(database.db, f.admin, shared.id, { name: 'Team open (all)', version: 1 }))).toBe('ok');
    await deleteSavedView(database.db, f.member, mine.id);
    expect((await listSavedViews(database.db, f.member)).map((v) => v.name)).toEqual(['Team open (all)']);
  });

  it('validates the filter, sort and columns against the entity', async () => {
    const bad = (d: Record<string, unknown>) => code(createSavedView(database.db, f.member, { entity: 'testItem', name: 'Bad', shared: false, definition: d }));
    expect(await bad({ filter: { field: 'secretNote', op: 'eq', value: 'x' } })).toBe('VALIDATION');
    expect(await bad({ sort: 'notes' })).toBe('VALIDATION');
    expect(await bad({ columns: ['name', 'nope'] })).toBe('VALIDATION');
    expect(await code(createSavedView(database.db, f.member, { entity: 'nothing', name: 'X', shared: false, definition: {} }))).toBe('VALIDATION');
  });
});
