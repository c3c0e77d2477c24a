import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantsSchema } from '../../platform/access/areas.ts';
import { can } from '../../platform/access/guard.ts';
import { loadActor } from '../../platform/access/load-actor.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { DEFAULT_ROLE_KEYS, defaultRoleGrants, seedDefaultRoles } from './role.service.ts';

let t: TestApp;
let admin: SignedIn;
let member: SignedIn;
let b: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  member = await addUser(t, admin.workspaceId, { name: 'Member' });
  b = await setupWorkspace(t);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const actorOf = async (userId: string) => (await loadActor(t.ctx.db, userId, 'session'))!;

describe(`roles and groups (${testDatabaseKind})`, () => {
  it('seeds the default roles once, named in the workspace language, with grants that validate', async () => {
    const ro = await setupWorkspace(t, { locale: 'ro' });
    const seed = () => t.ctx.db.transaction().execute((trx) => seedDefaultRoles(trx, ro.workspaceId, { locale: 'ro' }));
    const ids = await seed();
    expect(await seed()).toEqual(ids);
    const rows = await t.ctx.db.selectFrom('role').select(['id', 'name', 'grants']).where('workspaceId', '=', ro.workspaceId).orderBy('name').execute();
    // the setup flow's own Administrator role has the same Romanian name and is reused
    expect(rows.map((r) => r.name)).toEqual(['Administrator', 'Agent de vânzări', 'Doar citire', 'Manager']);
    for (const key of DEFAULT_ROLE_KEYS) expect(grantsSchema.safeParse(defaultRoleGrants(key)).success, key).toBe(true);
    const audit = await t.ctx.db.selectFrom('auditLog').select('recordId').where('entity', '=', 'role').where('workspaceId', '=', ro.workspaceId).execute();
    expect(audit).toHaveLength(3);

    const give = async (key: keyof typeof ids) => {
      const u = await addUser(t, ro.workspaceId);
      await t.ctx.db.insertInto('userRole').values({ workspaceId: ro.workspaceId, userId: u.userId, roleId: ids[key] }).execute();
      return actorOf(u.userId);
    };
    const manager = await give('manager');
    expect([can(manager, 'sales', 'read'), can(manager, 'sales', 'update'), can(manager, 'admin', 'read')]).toEqual(['all', 'team', 'none']);
    const rep = await give('salesRep');
    expect([can(rep, 'partners', 'read'), can(rep, 'partners', 'update'), can(rep, 'activities', 'read'), can(rep, 'projects', 'read')]).toEqual([
      'all',
      'own',
      'own',
      'none',
    ]);
    const reader = await give('readOnly');
    expect([can(reader, 'documents', 'read'), can(reader, 'documents', 'create'), can(reader, 'admin', 'read')]).toEqual(['all', 'none', 'none']);
    const boss = await give('administrator');
    expect(can(boss, 'admin', 'delete')).toBe('all');
  });

  it('refuses unknown areas, actions and scopes with 400 and writes nothing', async () => {
    const role = (await call(admin, 'POST', '/roles', { name: 'Checked', grants: { partners: { read: 'own' } } })).json();
    for (const grants of [{ partners: { read: 'everything' } }, { nowhere: { read: 'all' } }, { partners: { fly: 'all' } }, { partners: 'all' }]) {
      const res = await call(admin, 'PATCH', `/roles/${role.id}`, { grants, version: role.version });
      expect(res.statusCode, JSON.stringify(grants)).toBe(400);
      expect(res.json().errors[0].path).toMatch(/^grants/);
    }
    const after = (await call(admin, 'GET', `/roles/${role.id}`)).json();
    expect(after).toMatchObject({ version: role.version, grants: { partners: { read: 'own' } } });
    const stale = await call(admin, 'PATCH', `/roles/${role.id}`, { name: 'Renamed', version: role.version + 5 });
    expect(stale.statusCode).toBe(409);
  });

  it('applies a change of a role’s grants, and its deletion, to the next actor at once', async () => {
    const role = (await call(admin, 'POST', '/roles', { name: 'Marketing', grants: { marketing: { read: 'own' } } })).json();
    const u = await addUser(t, admin.workspaceId);
    await call(admin, 'PUT', `/users/${u.userId}/roles`, { roleIds: [role.id] });
    expect(can(await actorOf(u.userId), 'marketing', 'read')).toBe('own');
    const patched = await call(admin, 'PATCH', `/roles/${role.id}`, { grants: { marketing: { read: 'all', export: 'team' } }, version: role.version });
    expect(patched.statusCode).toBe(200);
    expect((await actorOf(u.userId)).grants).toEqual({ marketing: { read: 'all', export: 'team' } });
    expect((await call(u, 'GET', '/me')).json().grants).toEqual({ marketing: { read: 'all', export: 'team' } });
    expect((await call(admin, 'DELETE', `/roles/${role.id}`)).statusCode).toBe(200);
    expect((await actorOf(u.userId)).grants).toEqual({});
  });

  it('keeps roles and group administration to administrators', async () => {
    const role = (await call(admin, 'POST', '/roles', { name: 'Guarded', grants: {} })).json();
    const group = (await call(admin, 'POST', '/groups', { name: 'Guarded group' })).json();
    expect((await call(member, 'GET', '/roles')).statusCode).toBe(403);
    expect((await call(member, 'GET', `/roles/${role.id}`)).statusCode).toBe(403);
    expect((await call(member, 'POST', '/roles', { name: 'Mine', grants: { '*': { read: 'all' } } })).statusCode).toBe(403);
    expect((await call(member, 'PATCH', `/roles/${role.id}`, { grants: { '*': { read: 'all' } }, version: role.version })).statusCode).toBe(403);
    expect((await call(member, 'DELETE', `/roles/${role.id}`)).statusCode).toBe(403);
    expect((await call(member, 'PATCH', `/groups/${group.id}`, { name: 'x', version: group.version })).statusCode).toBe(403);
    expect((await call(member, 'PUT', `/groups/${group.id}/members`, { userIds: [member.userId] })).statusCode).toBe(403);
    expect((await call(member, 'PUT', `/groups/${group.id}/roles`, { roleIds: [role.id] })).statusCode).toBe(403);
    expect((await actorOf(member.userId)).groupIds).toEqual([]);
    // groups are part of the directory: members read them
    expect((await call(member, 'GET', `/groups/${group.id}`)).json().name).toBe('Guarded group');
  });

  it('lists a group’s members to every member, and keeps other workspaces out', async () => {
    const group = (await call(admin, 'POST', '/groups', { name: 'Szeged' })).json();
    const ildiko = await addUser(t, admin.workspaceId, { name: 'Ildikó' });
    await call(admin, 'PUT', `/groups/${group.id}/members`, { userIds: [ildiko.userId, member.userId, ildiko.userId] });
    const members = await call(member, 'GET', `/groups/${group.id}/members`);
    expect(members.statusCode).toBe(200);
    expect(members.json().data.map((m: { name: string }) => m.name)).toEqual(['Ildikó', 'Member']);
    expect(Object.keys(members.json().data[0]).sort()).toEqual(['active', 'email', 'id', 'name', 'orgUnitId', 'position']);
    await call(admin, 'PUT', `/groups/${group.id}/members`, { userIds: [ildiko.userId] });
    expect((await call(member, 'GET', `/groups/${group.id}/members`)).json().data).toHaveLength(1);

    const role = (await call(admin, 'POST', '/roles', { name: 'A only', grants: { sales: { read: 'all' } } })).json();
    const bGroup = (await call(b, 'POST', '/groups', { name: 'B group' })).json();
    expect((await call(b, 'GET', `/groups/${group.id}/members`)).statusCode).toBe(404);
    expect((await call(b, 'GET', `/groups/${group.id}/links`)).statusCode).toBe(404);
    expect((await call(b, 'PUT', `/groups/${group.id}/roles`, { roleIds: [] })).statusCode).toBe(404);
    expect((await call(b, 'PATCH', `/roles/${role.id}`, { name: 'stolen', version: role.version })).statusCode).toBe(404);
    expect((await call(b, 'DELETE', `/roles/${role.id}`)).statusCode).toBe(404);
    expect((await call(b, 'DELETE', `/groups/${group.id}`)).statusCode).toBe(404);
    const borrow = await call(b, 'PUT', `/groups/${bGroup.id}/roles`, { roleIds: [role.id] });
    expect(borrow.statusCode).toBe(400);
    expect((await call(b, 'GET', `/groups/${bGroup.id}/links`)).json().roleIds).toEqual([]);
    expect((await call(admin, 'GET', `/roles/${role.id}`)).json().name).toBe('A only');
  });

  it('describes areas, actions and scopes with label keys for the role editor', async () => {
    const res = (await call(member, 'GET', '/access/areas')).json();
    expect(res.areas).toEqual(['partners', 'activities', 'sales', 'marketing', 'mail', 'projects', 'service', 'documents', 'workflow', 'reports', 'admin']);
    expect(res.labelKeys).toMatchObject({ partners: 'areas.partners', '*': 'areas.*' });
    expect(res.actions).toEqual(['read', 'create', 'update', 'delete', 'export', 'import']);
  });
});
