import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { can } from './guard.ts';
import { intersectGrants, loadActor, mergeGrants } from './load-actor.ts';
import { scopeWhere } from './scope.ts';

let database: Database;
const ws = newId();
const otherWs = newId();
const unit = { root: newId(), sales: newId(), salesNorth: newId(), service: newId() };
const user = { boss: newId(), rep: newId(), northRep: newId(), tech: newId(), admin: newId(), foreign: newId() };
const role = { own: newId(), team: newId(), all: newId(), readAllOnly: newId() };
const group = newId();

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await db
    .insertInto('workspace')
    .values([
      { id: ws, name: 'A', slug: 'a' },
      { id: otherWs, name: 'B', slug: 'b' },
    ])
    .execute();
  const units = [
    { id: unit.root, parentId: null, name: 'Company', path: `/${unit.root}/` },
    { id: unit.sales, parentId: unit.root, name: 'Sales', path: `/${unit.root}/${unit.sales}/` },
    { id: unit.salesNorth, parentId: unit.sales, name: 'North', path: `/${unit.root}/${unit.sales}/${unit.salesNorth}/` },
    { id: unit.service, parentId: unit.root, name: 'Service', path: `/${unit.root}/${unit.service}/` },
  ];
  for (const u of units) await db.insertInto('orgUnit').values({ ...u, workspaceId: ws }).execute();
  const mk = (id: string, name: string, orgUnitId: string | null, extra: Record<string, unknown> = {}, w = ws) => ({
    id,
    workspaceId: w,
    name,
    email: `${name}@example.com`,
    orgUnitId,
    ...extra,
  });
  await db
    .insertInto('users')
    .values([
      mk(user.boss, 'boss', unit.sales),
      mk(user.rep, 'rep', unit.sales),
      mk(user.northRep, 'north', unit.salesNorth),
      mk(user.tech, 'tech', unit.service),
      mk(user.admin, 'admin', unit.root, { isAdmin: true }),
      mk(user.foreign, 'foreign', null, {}, otherWs),
    ])
    .execute();
  const grants = (scope: string) => JSON.stringify({ partners: { read: scope, update: scope } });
  await db
    .insertInto('role')
    .values([
      { id: role.own, workspaceId: ws, name: 'own', grants: grants('own') },
      { id: role.team, workspaceId: ws, name: 'team', grants: grants('team') },
      { id: role.all, workspaceId: ws, name: 'all', grants: grants('all') },
      { id: role.readAllOnly, workspaceId: ws, name: 'reader', grants: JSON.stringify({ partners: { read: 'all' } }) },
    ])
    .execute();
  await db.insertInto('userGroup').values({ id: group, workspaceId: ws, name: 'Managers' }).execute();
  await db.insertInto('userGroupMember').values({ workspaceId: ws, groupId: group, userId: user.boss }).execute();
  await db.insertInto('groupRole').values({ workspaceId: ws, groupId: group, roleId: role.team }).execute();
  await db
    .insertInto('userRole')
    .values([
      { workspaceId: ws, userId: user.boss, roleId: role.own },
      { workspaceId: ws, userId: user.rep, roleId: role.own },
      { workspaceId: ws, userId: user.northRep, roleId: role.own },
    ])
    .execute();
  await sql`create table scoped_item (id uuid primary key, workspace_id uuid not null, owner_id uuid,
    org_unit_id uuid, confidential boolean not null default false, name text not null)`.execute(db);
});
afterAll(() => database.close());

const items: Record<string, { owner: string | null; unit: string | null; confidential?: boolean }> = {
  repItem: { owner: user.rep, unit: null },
  northItem: { owner: user.northRep, unit: null },
  techItem: { owner: user.tech, unit: null },
  serviceUnitItem: { owner: null, unit: unit.service },
  salesUnitItem: { owner: null, unit: unit.sales },
  secret: { owner: user.tech, unit: null, confidential: true },
};

async function visibleNames(actor: Actor, action: 'read' | 'update' = 'read'): Promise<string[]> {
  const { db } = database;
  const existing = await sql<{ n: number }>`select count(*)::int as n from scoped_item`.execute(db);
  if (existing.rows[0]!.n === 0) {
    for (const [name, it] of Object.entries(items)) {
      await sql`insert into scoped_item (id, workspace_id, owner_id, org_unit_id, confidential, name)
        values (${newId()}, ${ws}, ${it.owner}, ${it.unit}, ${it.confidential ?? false}, ${name})`.execute(db);
    }
  }
  const rows = await db
    .selectFrom(sql`scoped_item`.as('scopedItem'))
    .select(sql<string>`name`.as('name'))
    .where(sql.ref('workspace_id'), '=', actor.workspaceId)
    .where(
      scopeWhere(actor, 'partners', action, {
        entity: 'scoped_item',
        idColumn: 'scopedItem.id',
        ownerColumns: ['scopedItem.owner_id'],
        orgUnitColumn: 'scopedItem.org_unit_id',
        confidentialColumn: 'scopedItem.confidential',
      }),
    )
    .execute();
  return rows.map((r) => r.name).sort();
}

describe(`access (${testDatabaseKind})`, () => {
  it('merges grants to the widest scope and intersects to the narrowest', () => {
    expect(mergeGrants([{ p: { read: 'own' } }, { p: { read: 'team', update: 'own' } }])).toEqual({
      p: { read: 'team', update: 'own' },
    });
    expect(intersectGrants({ p: { read: 'all', update: 'team' } }, { p: { read: 'own' } })).toEqual({
      p: { read: 'own' },
    });
  });

  it('loads an actor with roles from the user and from the user’s groups', async () => {
    const boss = (await loadActor(database.db, user.boss, 'session'))!;
    expect(boss.groupIds).toEqual([group]);
    expect(can(boss, 'partners', 'read')).toBe('team');
    expect(can(boss, 'partners', 'delete')).toBe('none');
    expect(boss.orgUnitPath).toBe(`/${unit.root}/${unit.sales}/`);
  });

  it('returns no actor for an inactive user', async () => {
    await database.db.updateTable('users').set({ active: false }).where('id', '=', user.tech).execute();
    expect(await loadActor(database.db, user.tech, 'session')).toBeNull();
    await database.db.updateTable('users').set({ active: true }).where('id', '=', user.tech).execute();
  });

  it('own scope sees only the actor’s rows', async () => {
    const rep = (await loadActor(database.db, user.rep, 'session'))!;
    expect(await visibleNames(rep)).toEqual(['repItem']);
  });

  it('team scope sees rows of the org unit and the units below it', async () => {
    const boss = (await loadActor(database.db, user.boss, 'session'))!;
    expect(await visibleNames(boss)).toEqual(['northItem', 'repItem', 'salesUnitItem']);
  });

  it('admins see everything, confidential rows included', async () => {
    const admin = (await loadActor(database.db, user.admin, 'session'))!;
    expect(await visibleNames(admin)).toEqual(Object.keys(items).sort());
  });

  it('all scope hides confidential rows unless shared by a record grant', async () => {
    await database.db.insertInto('userRole').values({ workspaceId: ws, userId: user.rep, roleId: role.all }).execute();
    const rep = (await loadActor(database.db, user.rep, 'session'))!;
    expect(await visibleNames(rep)).not.toContain('secret');
    const secret = await sql<{ id: string }>`select id from scoped_item where name = 'secret'`.execute(database.db);
    await database.db
      .insertInto('recordGrant')
      .values({
        id: newId(),
        workspaceId: ws,
        entity: 'scoped_item',
        recordId: secret.rows[0]!.id,
        principalType: 'group',
        principalId: group,
        access: 'read',
      })
      .execute();
    expect(await visibleNames(rep)).not.toContain('secret');
    const boss = (await loadActor(database.db, user.boss, 'session'))!;
    expect(await visibleNames(boss)).toContain('secret');
    // a read grant does not allow updates
    expect(await visibleNames(boss, 'update')).not.toContain('secret');
  });

  it('limits an API key actor to its role’s grants', async () => {
    const limited = (await loadActor(database.db, user.admin, 'apiKey', { limitToRoleId: role.readAllOnly }))!;
    expect(limited.isAdmin).toBe(false);
    expect(can(limited, 'partners', 'read')).toBe('all');
    expect(can(limited, 'partners', 'update')).toBe('none');
  });

  it('never shows another workspace’s rows', async () => {
    const foreign = (await loadActor(database.db, user.foreign, 'session'))!;
    expect(foreign.workspaceId).toBe(otherWs);
    expect(await visibleNames({ ...foreign, isAdmin: true })).toEqual([]);
  });
});
