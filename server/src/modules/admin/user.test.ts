import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/access/load-actor.ts';
import { newId } from '../../platform/ids.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace, signIn } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { seedDefaultRoles } from './role.service.ts';

let t: TestApp;
let admin: SignedIn;
let b: SignedIn;
let rootUnit: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  b = await setupWorkspace(t);
  rootUnit = (await t.ctx.db.selectFrom('orgUnit').select('id').where('workspaceId', '=', admin.workspaceId).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const version = async (id: string) => (await call(admin, 'GET', `/users/${id}`)).json().version as number;
const filter = (tree: unknown) => encodeURIComponent(JSON.stringify(tree));

describe(`users (${testDatabaseKind})`, () => {
  it('adds a user with profile, manager, roles and groups in one go; a bad reference writes nothing', async () => {
    const role = (await call(admin, 'POST', '/roles', { name: 'Viewer', grants: { partners: { read: 'all' } } })).json();
    const group = (await call(admin, 'POST', '/groups', { name: 'Kraków' })).json();
    const res = await call(admin, 'POST', '/users', {
      name: 'Zofia Wójcik',
      email: 'zofia@example.pl',
      password: 'dobre-hasło-123',
      locale: 'pl',
      orgUnitId: rootUnit,
      managerId: admin.userId,
      position: 'Handlowiec',
      phone: '+48 12 345 67 89',
      birthday: '1990-05-17',
      roleIds: [role.id],
      groupIds: [group.id],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ position: 'Handlowiec', phone: '+48 12 345 67 89', birthday: '1990-05-17', managerId: admin.userId, orgUnitId: rootUnit });
    expect((await call(admin, 'GET', `/users/${user.id}/access`)).json()).toEqual({ roleIds: [role.id], groupIds: [group.id] });
    const actor = await loadActor(t.ctx.db, user.id, 'session');
    expect(actor?.grants).toEqual({ partners: { read: 'all' } });
    expect(actor?.groupIds).toEqual([group.id]);

    const strayGroup = await call(admin, 'POST', '/users', { name: 'Nobody', email: 'nobody@example.com', password: 'password123', groupIds: [newId()] });
    expect(strayGroup.statusCode).toBe(400);
    expect(strayGroup.json().errors[0].path).toBe('groupIds');
    const foreignManager = await call(admin, 'POST', '/users', { name: 'Nobody', email: 'nobody@example.com', password: 'password123', managerId: b.userId });
    expect(foreignManager.statusCode).toBe(400);
    const foreignRole = await call(b, 'POST', '/users', { name: 'Nobody', email: 'nobody@example.com', password: 'password123', roleIds: [role.id] });
    expect(foreignRole.statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'nobody@example.com').execute()).toEqual([]);
  });

  it('shows members the directory without private fields; a Sales rep reads only what grants allow', async () => {
    const roles = await t.ctx.db.transaction().execute((trx) => seedDefaultRoles(trx, admin.workspaceId));
    const rep = await addUser(t, admin.workspaceId, { name: 'Radu Repetto' });
    expect((await call(admin, 'PUT', `/users/${rep.userId}/roles`, { roleIds: [roles.salesRep] })).statusCode).toBe(200);
    const colleague = await addUser(t, admin.workspaceId, { name: 'Ilona Kovács' });
    for (const who of [colleague, rep]) {
      const patch = await call(admin, 'PATCH', `/users/${who.userId}`, { birthday: '1985-03-08', position: 'Értékesítő', version: await version(who.userId) });
      expect(patch.statusCode).toBe(200);
    }

    const seen = (await call(rep, 'GET', `/users/${colleague.userId}`)).json();
    expect(seen).toMatchObject({ name: 'Ilona Kovács', position: 'Értékesítő', birthday: null });
    expect((await call(rep, 'GET', `/users/${rep.userId}`)).json().birthday).toBe('1985-03-08');
    expect((await call(admin, 'GET', `/users/${colleague.userId}`)).json().birthday).toBe('1985-03-08');
    const list = (await call(rep, 'GET', `/users?filter=${filter({ field: 'name', op: 'contains', value: 'kovacs' })}`)).json();
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ id: colleague.userId, birthday: null });

    const probe = { field: 'birthday', op: 'eq', value: '1985-03-08' };
    expect((await call(rep, 'GET', `/users?filter=${filter(probe)}`)).statusCode).toBe(403);
    expect((await call(rep, 'GET', `/users?filter=${filter({ and: [{ not: probe }] })}`)).statusCode).toBe(403);
    expect((await call(rep, 'GET', '/users?sort=-birthday')).statusCode).toBe(403);
    expect((await call(rep, 'POST', '/users/query', { filter: { field: 'custom.salary', op: 'gt', value: 1 } })).statusCode).toBe(403);
    // nobody filters by it, so it cannot be probed through relations either (partners' owner)
    expect((await call(admin, 'GET', `/users?filter=${filter(probe)}`)).statusCode).toBe(400);
    expect((await call(rep, 'GET', `/partners?filter=${filter({ ...probe, field: 'owner.birthday' })}`)).statusCode).toBe(400);
    expect((await call(rep, 'GET', `/partners?filter=${filter({ field: 'owner.name', op: 'contains', value: 'kovacs' })}`)).statusCode).toBe(200);
    expect((await call(rep, 'GET', `/users/${colleague.userId}/history`)).statusCode).toBe(403);
    expect((await call(rep, 'GET', `/users/${rep.userId}/history`)).statusCode).toBe(200);
    expect((await call(rep, 'GET', '/users/export')).statusCode).toBe(403);

    // every write and the rest of administration stays closed to the Sales rep
    expect((await call(rep, 'PATCH', `/users/${colleague.userId}`, { position: 'Boss', version: 1 })).statusCode).toBe(403);
    expect((await call(rep, 'POST', `/users/${colleague.userId}/deactivate`)).statusCode).toBe(403);
    expect((await call(rep, 'PUT', `/users/${rep.userId}/roles`, { roleIds: [roles.administrator] })).statusCode).toBe(403);
    expect((await call(rep, 'GET', `/users/${rep.userId}/access`)).statusCode).toBe(403);
    expect((await call(rep, 'GET', '/roles')).statusCode).toBe(403);
    expect((await call(rep, 'POST', '/groups', { name: 'Mine' })).statusCode).toBe(403);
    expect((await call(rep, 'DELETE', `/users/${colleague.userId}`)).statusCode).toBe(403);
    expect((await call(admin, 'GET', `/users/${colleague.userId}`)).json().position).toBe('Értékesítő');
  });

  it('deactivates a user (no actor, no sessions, no sign-in) and reactivates them', async () => {
    const u = await addUser(t, admin.workspaceId, { name: 'Temporary' });
    const stale = await version(u.userId);
    await call(admin, 'PATCH', `/users/${u.userId}`, { position: 'Intern', version: stale });
    const conflict = await call(admin, 'POST', `/users/${u.userId}/deactivate`, undefined, { 'if-match': `"${stale}"` });
    expect(conflict.statusCode).toBe(409);
    expect(await loadActor(t.ctx.db, u.userId, 'session')).not.toBeNull();

    const off = await call(admin, 'POST', `/users/${u.userId}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await loadActor(t.ctx.db, u.userId, 'session')).toBeNull();
    expect(await t.ctx.db.selectFrom('session').select('id').where('userId', '=', u.userId).execute()).toEqual([]);
    expect((await call(u, 'GET', '/me')).statusCode).toBe(401);
    await expect(signIn(t, u.email, u.password)).rejects.toThrow(/sign-in failed/);

    const on = await call(admin, 'POST', `/users/${u.userId}/reactivate`);
    expect(on.json()).toMatchObject({ active: true, position: 'Intern' });
    expect((await loadActor(t.ctx.db, u.userId, 'session'))?.userId).toBe(u.userId);
    expect(await signIn(t, u.email, u.password)).toContain('session_token');
    const history = (await call(admin, 'GET', `/users/${u.userId}/history`)).json().data;
    expect(history.slice(0, 2).map((h: { changes: { active: unknown } }) => h.changes.active)).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('never deactivates or demotes the last active administrator', async () => {
    expect((await call(admin, 'POST', `/users/${admin.userId}/deactivate`)).statusCode).toBe(422);
    const second = await addUser(t, admin.workspaceId, { name: 'Second Admin', isAdmin: true });
    expect((await call(admin, 'POST', `/users/${second.userId}/deactivate`)).statusCode).toBe(200);
    const demote = await call(admin, 'PATCH', `/users/${admin.userId}`, { isAdmin: false, version: await version(admin.userId) });
    expect(demote.statusCode).toBe(422);
    expect((await call(admin, 'POST', `/users/${second.userId}/reactivate`)).statusCode).toBe(200);
    expect((await call(second, 'POST', `/users/${admin.userId}/deactivate`)).statusCode).toBe(401); // signed out when deactivated
    const again = await signIn(t, second.email, second.password);
    const demoteSecond = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${second.userId}`,
      headers: { cookie: again },
      payload: { isAdmin: false, version: await version(second.userId) },
    });
    expect(demoteSecond.statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/users/${admin.userId}`, { isAdmin: false, version: await version(admin.userId) })).statusCode).toBe(422);
  });

  it('keeps an administrator when two administrators deactivate each other at the same moment', async () => {
    const c = await setupWorkspace(t);
    const d = await addUser(t, c.workspaceId, { isAdmin: true });
    const results = await Promise.all([
      call(c, 'POST', `/users/${d.userId}/deactivate`),
      call(d, 'POST', `/users/${c.userId}/deactivate`),
    ]);
    // the second is refused by the rule (422), or finds itself already signed out (401)
    expect(results.map((r) => r.statusCode).filter((code) => code === 200)).toHaveLength(1);
    const admins = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('workspaceId', '=', c.workspaceId)
      .where('isAdmin', '=', true)
      .where('active', '=', true)
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('refuses managers from another workspace and longer circles of managers', async () => {
    const [x, y, z] = [await addUser(t, admin.workspaceId, { name: 'X' }), await addUser(t, admin.workspaceId, { name: 'Y' }), await addUser(t, admin.workspaceId, { name: 'Z' })];
    expect((await call(admin, 'PATCH', `/users/${x.userId}`, { managerId: y.userId, version: await version(x.userId) })).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/users/${y.userId}`, { managerId: z.userId, version: await version(y.userId) })).statusCode).toBe(200);
    const circle = await call(admin, 'PATCH', `/users/${z.userId}`, { managerId: x.userId, version: await version(z.userId) });
    expect(circle.statusCode).toBe(422);
    expect(circle.headers['content-type']).toContain('application/problem+json');
    expect((await call(admin, 'PATCH', `/users/${z.userId}`, { managerId: b.userId, version: await version(z.userId) })).statusCode).toBe(400);
    expect((await call(admin, 'GET', `/users/${z.userId}`)).json().managerId).toBeNull();
  });

  it('resolves "my manager": explicit manager, else the head of the own unit, else of the nearest unit above', async () => {
    const sales = (await call(admin, 'POST', '/org-units', { name: 'Vânzări', parentId: rootUnit })).json();
    const north = (await call(admin, 'POST', '/org-units', { name: 'Nord', parentId: sales.id })).json();
    const director = await addUser(t, admin.workspaceId, { name: 'Director', orgUnitId: rootUnit });
    const salesHead = await addUser(t, admin.workspaceId, { name: 'Sales Head', orgUnitId: sales.id });
    const rep = await addUser(t, admin.workspaceId, { name: 'North Rep', orgUnitId: north.id });
    const manager = async (id: string, who = rep) => (await call(who, 'GET', `/users/${id}/manager`)).json();

    expect(await manager(rep.userId)).toEqual({ managerId: null, source: null });
    expect((await call(admin, 'PUT', `/org-units/${rootUnit}/head`, { userId: director.userId })).json()).toEqual({ headUserId: director.userId });
    expect((await call(admin, 'PUT', `/org-units/${sales.id}/head`, { userId: salesHead.userId })).statusCode).toBe(200);
    expect(await manager(rep.userId)).toEqual({ managerId: salesHead.userId, source: 'orgUnitHead' });
    // the head of a unit is managed by the head above, not by themself
    expect(await manager(salesHead.userId)).toEqual({ managerId: director.userId, source: 'orgUnitHead' });
    expect((await call(admin, 'PATCH', `/users/${rep.userId}`, { managerId: director.userId, version: await version(rep.userId) })).statusCode).toBe(200);
    expect(await manager(rep.userId)).toEqual({ managerId: director.userId, source: 'manager' });
    // a deactivated head is skipped
    const other = await addUser(t, admin.workspaceId, { name: 'Other Rep', orgUnitId: north.id });
    await call(admin, 'POST', `/users/${salesHead.userId}/deactivate`);
    expect(await manager(other.userId)).toEqual({ managerId: director.userId, source: 'orgUnitHead' });
    const history = (await call(admin, 'GET', `/org-units/${sales.id}/history`)).json().data;
    expect(history[0].changes).toEqual({ headUserId: [null, salesHead.userId] });

    expect((await call(rep, 'PUT', `/org-units/${sales.id}/head`, { userId: rep.userId })).statusCode).toBe(403);
    expect((await call(admin, 'PUT', `/org-units/${sales.id}/head`, { userId: b.userId })).statusCode).toBe(400);
    expect((await call(b, 'PUT', `/org-units/${sales.id}/head`, { userId: b.userId })).statusCode).toBe(404);
    expect((await call(b, 'GET', `/users/${rep.userId}/manager`)).statusCode).toBe(404);
  });

  it('answers 404 to another workspace’s administrator for every user action', async () => {
    const u = await addUser(t, admin.workspaceId, { name: 'Private' });
    for (const [method, url, payload] of [
      ['GET', `/users/${u.userId}`],
      ['GET', `/users/${u.userId}/access`],
      ['GET', `/users/${u.userId}/history`],
      ['POST', `/users/${u.userId}/deactivate`],
      ['POST', `/users/${u.userId}/reactivate`],
      ['PUT', `/users/${u.userId}/groups`, { groupIds: [] }],
      ['DELETE', `/users/${u.userId}`],
    ] as [Method, string, unknown?][]) {
      expect((await call(b, method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await loadActor(t.ctx.db, u.userId, 'session')).not.toBeNull();
  });
});
