import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace, signIn } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let member: SignedIn;
let b: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  member = await addUser(t, admin.workspaceId, { name: 'Maria Membru' });
  b = await setupWorkspace(t);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe(`users, groups and roles (${testDatabaseKind})`, () => {
  it('lets administrators add users who can then sign in; members only read the directory', async () => {
    const created = await call(admin, 'POST', '/users', { name: 'Piotr Nowak', email: 'Piotr@Example.pl', password: 'hasło-bardzo-dobre', locale: 'pl' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Piotr Nowak', email: 'piotr@example.pl', locale: 'pl', active: true });
    expect(await signIn(t, 'piotr@example.pl', 'hasło-bardzo-dobre')).toContain('kontakt.session_token');
    const list = await call(member, 'GET', `/users?filter=${encodeURIComponent(JSON.stringify({ field: 'name', op: 'contains', value: 'nowak' }))}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((u: { name: string }) => u.name)).toEqual(['Piotr Nowak']);
    expect((await call(member, 'POST', '/users', { name: 'X', email: 'x@example.com', password: 'password123' })).statusCode).toBe(403);
    expect((await call(member, 'PATCH', `/users/${created.json().id}`, { position: 'Boss', version: 1 })).statusCode).toBe(403);
    const dup = await call(admin, 'POST', '/users', { name: 'Again', email: 'piotr@example.pl', password: 'password123' });
    expect(dup.statusCode).toBe(409);
    const neither = await call(admin, 'POST', '/users', { name: 'No Pass', email: 'np@example.com' });
    expect(neither.statusCode).toBe(400);
  });

  it('keeps staff without a login in the directory (P10): position, org unit, birthday; they can never sign in', async () => {
    const unit = (await call(admin, 'POST', '/org-units', { name: 'Depozit Bacău' })).json();
    const staff = await call(admin, 'POST', '/users', { name: 'Ion Șofer', login: false, position: 'Șofer', orgUnitId: unit.id, birthday: '1980-02-29', phone: '+40 744 000 111' });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json()).toMatchObject({ name: 'Ion Șofer', email: null, canSignIn: false, position: 'Șofer', orgUnitId: unit.id, active: true });
    const withMail = await call(admin, 'POST', '/users', { name: 'Ana Magazioner', login: false, email: 'ana.depozit@example.ro' });
    expect(withMail.statusCode).toBe(201);
    expect(await t.ctx.db.selectFrom('account').select('id').where('userId', '=', withMail.json().id).execute()).toEqual([]);
    // no credentials, no reset link
    const reset = await t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', payload: { email: 'ana.depozit@example.ro', redirectTo: '/reset-password' } });
    expect(reset.statusCode).toBe(200);
    expect(await t.ctx.db.selectFrom('mailMessage').select('id').where('toAddress', 'like', '%ana.depozit%').execute()).toEqual([]);
    await expect(signIn(t, 'ana.depozit@example.ro', 'any password at all')).rejects.toThrow(/sign-in failed/);
    // members read them in the directory; a filter tells staff from users
    const list = await call(member, 'GET', `/users?filter=${encodeURIComponent(JSON.stringify({ field: 'canSignIn', op: 'eq', value: false }))}&sort=name`);
    expect(list.json().data.map((u: { name: string }) => u.name)).toEqual(['Ana Magazioner', 'Ion Șofer']);
    // bad combinations are refused
    expect((await call(admin, 'POST', '/users', { name: 'X', login: false, password: 'password123' })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/users', { name: 'X', login: false, isAdmin: true })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/users', { name: 'X', password: 'password123' })).json().errors).toEqual([{ path: 'email', message: 'Required for a user who signs in' }]);
    expect((await call(member, 'POST', '/users', { name: 'X', login: false })).statusCode).toBe(403);
  });

  it('sends an invitation e-mail instead of a password', async () => {
    const res = await call(admin, 'POST', '/users', { name: 'Olena Shevchenko', email: 'olena@example.ua', invite: true, locale: 'uk' });
    expect(res.statusCode).toBe(201);
    const mail = await t.ctx.db.selectFrom('mailMessage').selectAll().where('toAddress', '=', 'olena@example.ua').executeTakeFirst();
    expect(mail?.textBody).toContain('/reset-password?token=');
    expect(mail?.subject).toBe('Скидання пароля Kontakt CRM');
  });

  it('keeps at least one active administrator', async () => {
    const me = await call(admin, 'GET', `/users/${admin.userId}`);
    const demote = await call(admin, 'PATCH', `/users/${admin.userId}`, { isAdmin: false, version: me.json().version });
    expect(demote.statusCode).toBe(422);
    const deactivate = await call(admin, 'PATCH', `/users/${admin.userId}`, { active: false, version: me.json().version });
    expect(deactivate.statusCode).toBe(422);
    expect((await call(admin, 'GET', `/users/${admin.userId}`)).json().isAdmin).toBe(true);
  });

  it('refuses a circle of managers', async () => {
    const u1 = await addUser(t, admin.workspaceId, { name: 'U1' });
    const u2 = await addUser(t, admin.workspaceId, { name: 'U2' });
    const get = async (id: string) => (await call(admin, 'GET', `/users/${id}`)).json();
    expect((await call(admin, 'PATCH', `/users/${u1.userId}`, { managerId: u2.userId, version: (await get(u1.userId)).version })).statusCode).toBe(200);
    const circle = await call(admin, 'PATCH', `/users/${u2.userId}`, { managerId: u1.userId, version: (await get(u2.userId)).version });
    expect(circle.statusCode).toBe(422);
    const self = await call(admin, 'PATCH', `/users/${u2.userId}`, { managerId: u2.userId, version: (await get(u2.userId)).version });
    expect(self.statusCode).toBe(422);
    expect((await call(member, 'GET', `/users/${u1.userId}/manager`)).json()).toEqual({ managerId: u2.userId, source: 'manager' });
  });

  it('signs a deactivated user out at once', async () => {
    const u = await addUser(t, admin.workspaceId, { name: 'Leaving' });
    expect((await call(u, 'GET', '/me')).statusCode).toBe(200);
    const row = (await call(admin, 'GET', `/users/${u.userId}`)).json();
    expect((await call(admin, 'PATCH', `/users/${u.userId}`, { active: false, version: row.version })).statusCode).toBe(200);
    expect((await call(u, 'GET', '/me')).statusCode).toBe(401);
    const sessions = await t.ctx.db.selectFrom('session').select('id').where('userId', '=', u.userId).execute();
    expect(sessions).toEqual([]);
  });

  it('validates role grants and applies role changes (direct and through groups) immediately', async () => {
    const bad = await call(admin, 'POST', '/roles', { name: 'Bad', grants: { partners: { read: 'everything' } } });
    expect(bad.statusCode).toBe(400);
    expect((await call(admin, 'POST', '/roles', { name: 'Bad', grants: { nowhere: { read: 'all' } } })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/roles', { name: 'Bad', grants: { partners: { fly: 'all' } } })).statusCode).toBe(400);
    const role = await call(admin, 'POST', '/roles', { name: 'Sales rep', grants: { partners: { read: 'all', update: 'own' } } });
    expect(role.statusCode).toBe(201);
    const u = await addUser(t, admin.workspaceId, { name: 'Rep' });
    expect((await call(u, 'GET', '/me')).json().grants).toEqual({});
    expect((await call(admin, 'PUT', `/users/${u.userId}/roles`, { roleIds: [role.json().id] })).statusCode).toBe(200);
    expect((await call(u, 'GET', '/me')).json().grants).toEqual({ partners: { read: 'all', update: 'own' } });
    await call(admin, 'PUT', `/users/${u.userId}/roles`, { roleIds: [] });
    const group = await call(admin, 'POST', '/groups', { name: 'Vânzări' });
    expect(group.statusCode).toBe(201);
    await call(admin, 'PUT', `/groups/${group.json().id}/roles`, { roleIds: [role.json().id] });
    await call(admin, 'PUT', `/groups/${group.json().id}/members`, { userIds: [u.userId] });
    expect((await call(u, 'GET', '/me')).json().grants).toEqual({ partners: { read: 'all', update: 'own' } });
    expect((await call(admin, 'GET', `/groups/${group.json().id}/links`)).json()).toEqual({ userIds: [u.userId], roleIds: [role.json().id] });
    expect((await call(admin, 'GET', `/users/${u.userId}/access`)).json()).toEqual({ roleIds: [], groupIds: [group.json().id] });
    const history = await call(admin, 'GET', `/groups/${group.json().id}/history`);
    expect(history.json().data.length).toBeGreaterThanOrEqual(2);
  });

  it('isolates workspaces: B’s administrator cannot see or touch A’s users, groups or roles', async () => {
    const role = (await call(admin, 'POST', '/roles', { name: 'A role', grants: {} })).json();
    const group = (await call(admin, 'POST', '/groups', { name: 'A group' })).json();
    expect((await call(b, 'GET', `/users/${member.userId}`)).statusCode).toBe(404);
    expect((await call(b, 'GET', `/roles/${role.id}`)).statusCode).toBe(404);
    expect((await call(b, 'GET', `/groups/${group.id}`)).statusCode).toBe(404);
    expect((await call(b, 'PATCH', `/users/${member.userId}`, { position: 'x', version: 1 })).statusCode).toBe(404);
    expect((await call(b, 'PUT', `/users/${member.userId}/roles`, { roleIds: [] })).statusCode).toBe(404);
    expect((await call(b, 'PUT', `/groups/${group.id}/members`, { userIds: [] })).statusCode).toBe(404);
    const bGroup = (await call(b, 'POST', '/groups', { name: 'B group' })).json();
    const steal = await call(b, 'PUT', `/groups/${bGroup.id}/members`, { userIds: [member.userId] });
    expect(steal.statusCode).toBe(400);
    const borrow = await call(b, 'PUT', `/users/${b.userId}/roles`, { roleIds: [role.id] });
    expect(borrow.statusCode).toBe(400);
    const names = (await call(b, 'GET', '/users')).json().data.map((u: { id: string }) => u.id);
    expect(names).not.toContain(member.userId);
  });

  it('lists areas, actions and scopes for the role editor', async () => {
    const res = await call(member, 'GET', '/access/areas');
    expect(res.json().areas).toContain('partners');
    expect(res.json().scopes).toEqual(['none', 'own', 'team', 'all']);
  });
});
