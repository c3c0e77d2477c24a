import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnitEntity } from '../../modules/admin/org-unit.entity.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { loadActor } from '../access/load-actor.ts';
import { defineEntity } from '../records/descriptor.ts';
import { createRecord, deleteRecord } from '../records/write.ts';

// An owner-scoped, searchable entity of its own, so access filtering of search is tested on real rows.
const noteEntity = defineEntity({
  name: 'searchNote',
  resource: 'search-notes',
  table: 'search_note',
  area: 'notes',
  scope: { ownerColumns: ['owner_id'] },
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, searchable: true },
    { name: 'city', column: 'city', type: 'string' },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user' },
  ],
  search: { title: ['name'], subtitle: ['city'] },
});

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let outsider: SignedIn;
let other: SignedIn;

const NAMES = ['Łódź Logistics', 'Árvíztűrő Kft.', 'Ștefan Construct SRL', 'Шевченко ТОВ', 'Kovács és Társa', 'Zażółć Gęślą'];

beforeAll(async () => {
  t = await createTestApp();
  await sql`create table search_note (id uuid primary key, workspace_id uuid not null, name text not null, city text,
    owner_id uuid, created_at timestamptz not null default now(), created_by uuid, updated_at timestamptz not null default now(),
    updated_by uuid, version int not null default 1, deleted_at timestamptz)`.execute(t.ctx.db);
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: { notes: { read: 'own', create: 'own', update: 'own', delete: 'own' } } });
  outsider = await addUser(t, admin.workspaceId, { grants: {} });
  other = await setupWorkspace(t);
  const adminActor = (await loadActor(t.ctx.db, admin.userId, 'session'))!;
  for (const name of NAMES) await createRecord(t.ctx.db, adminActor, noteEntity, { name, city: 'Cluj-Napoca' });
  // a few hundred more documents so the indexes and ranking are exercised
  for (let i = 0; i < 200; i++) await createRecord(t.ctx.db, adminActor, noteEntity, { name: `Filler company ${i}` });
  const repActor = (await loadActor(t.ctx.db, rep.userId, 'session'))!;
  await createRecord(t.ctx.db, repActor, noteEntity, { name: 'Rep Own Lead Kraków' });
  const otherActor = (await loadActor(t.ctx.db, other.userId, 'session'))!;
  await createRecord(t.ctx.db, otherActor, noteEntity, { name: 'Łódź Foreign Workspace' });
  await t.ctx.worker.drain();
}, 120_000);
afterAll(() => t.close());

const find = async (who: SignedIn, q: string, extra = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}`, headers: who.headers });
  expect(res.statusCode).toBe(200);
  return (res.json().data as { title: string; entity: string }[]).map((d) => d.title);
};

describe(`global search (${testDatabaseKind})`, () => {
  it('finds names typed without diacritics', async () => {
    expect((await find(admin, 'lodz'))[0]).toBe('Łódź Logistics');
    expect(await find(admin, 'arvizturo')).toContain('Árvíztűrő Kft.');
    expect(await find(admin, 'stefan')).toContain('Ștefan Construct SRL');
    expect(await find(admin, 'zazolc gesla')).toContain('Zażółć Gęślą');
  });

  it('meets Cyrillic and Latin spellings', async () => {
    expect(await find(admin, 'shevchenko')).toContain('Шевченко ТОВ');
    expect(await find(admin, 'Шевченко')).toContain('Шевченко ТОВ');
  });

  it('matches prefixes while typing and tolerates typos', async () => {
    expect(await find(admin, 'kov')).toContain('Kovács és Társa');
    expect(await find(admin, 'kovach')).toContain('Kovács és Társa');
    expect(await find(admin, 'logistcs')).toContain('Łódź Logistics');
  });

  it('shows only what the actor may read', async () => {
    expect(await find(rep, 'krakow')).toEqual(['Rep Own Lead Kraków']);
    expect(await find(rep, 'lodz')).toEqual([]);
    expect(await find(outsider, 'krakow')).toEqual([]);
    expect(await find(admin, 'krakow')).toEqual(['Rep Own Lead Kraków']);
  });

  it('never crosses workspaces', async () => {
    expect(await find(admin, 'foreign workspace')).toEqual([]);
    expect(await find(other, 'lodz')).toEqual(['Łódź Foreign Workspace']);
  });

  it('drops trashed records from the index and treats SQL-looking input as text', async () => {
    const adminActor = (await loadActor(t.ctx.db, admin.userId, 'session'))!;
    const row = await createRecord(t.ctx.db, adminActor, noteEntity, { name: 'Temporary Trasher' });
    await t.ctx.worker.drain();
    expect(await find(admin, 'trasher')).toEqual(['Temporary Trasher']);
    await deleteRecord(t.ctx.db, adminActor, noteEntity, String(row.id));
    await t.ctx.worker.drain();
    expect(await find(admin, 'trasher')).toEqual([]);
    expect(await find(admin, "'; drop table search_document; --")).toEqual([]);
    expect(await find(admin, 'lodz')).toContain('Łódź Logistics');
  });

  it('indexes org units (workspace-wide) and answers 400 to an empty query, 401 anonymous', async () => {
    const adminActor = (await loadActor(t.ctx.db, admin.userId, 'session'))!;
    await createRecord(t.ctx.db, adminActor, orgUnitEntity, { name: 'Departamentul Vânzări Iași' });
    await t.ctx.worker.drain();
    expect(await find(outsider, 'vanzari iasi')).toEqual(['Departamentul Vânzări Iași']);
    expect(await find(other, 'vanzari iasi')).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search?q=', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search?q=lodz' })).statusCode).toBe(401);
  });
});
