import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { loadActor } from '../access/load-actor.ts';
import { newId } from '../ids.ts';
import { buildMeta } from './meta.ts';
import { type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';

let database: Database;
let f: RecordsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
});
afterAll(() => database.close());

describe(`meta (${testDatabaseKind})`, () => {
  it('describes readable entities with fields, relations and the actor’s scopes', async () => {
    const meta = await buildMeta(database.db, f.member);
    const item = meta.entities.find((e) => e.name === 'testItem')!;
    expect(item).toMatchObject({ resource: 'test-items', path: '/api/v1/test-items', area: 'items', customFieldsEnabled: true });
    expect(item.permissions).toEqual({ read: 'own', create: 'own', update: 'own', delete: 'own', export: 'none', import: 'none' });
    const field = (name: string) => item.fields.find((x) => x.name === name);
    expect(field('status')).toMatchObject({ type: 'enum', values: ['open', 'won', 'lost'], filterable: true, sortable: true });
    expect(field('ownerId')).toMatchObject({ type: 'reference', reference: 'user' });
    expect(field('name')).toMatchObject({ required: true, searchable: true, labelKey: 'testItem.fields.name' });
    expect(field('updatedAt')).toMatchObject({ readOnly: true, sortable: true });
    expect(field('secretNote')).toBeUndefined();
    expect(item.relations).toEqual([{ name: 'orgUnit', entity: 'orgUnit', kind: 'belongsTo' }]);
    const units = meta.entities.find((e) => e.name === 'orgUnit')!;
    expect(units.permissions).toMatchObject({ read: 'all', create: 'none', update: 'none' });
  });

  it('leaves out entities the actor cannot read', async () => {
    const id = newId();
    await database.db.insertInto('users').values({ id, workspaceId: f.ws, name: 'Nobody', email: `nobody-${id}@x.test` }).execute();
    const nobody = (await loadActor(database.db, id, 'session'))!;
    const names = (await buildMeta(database.db, nobody)).entities.map((e) => e.name);
    expect(names).toContain('orgUnit');
    expect(names).not.toContain('testItem');
    const admin = await buildMeta(database.db, f.admin);
    expect(admin.entities.find((e) => e.name === 'testItem')!.permissions.export).toBe('all');
  });
});

describe('search documents', () => {
  it('builds title and subtitle from the descriptor’s search fields', async () => {
    const { orgUnitEntity } = await import('../../modules/admin/org-unit.entity.ts');
    const { searchDocumentFor } = await import('./search-document.ts');
    expect(searchDocumentFor(orgUnitEntity, { id: 'x', version: 1, name: 'Sales', code: 'S-1' })).toEqual({
      title: 'Sales',
      subtitle: 'S-1',
      body: null,
      ownerId: null,
      orgUnitId: null,
    });
  });
});
