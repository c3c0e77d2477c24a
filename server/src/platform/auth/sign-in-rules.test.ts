import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, setupWorkspace, signIn } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let open: TestApp;
let secure: TestApp;

beforeAll(async () => {
  [t, open, secure] = await Promise.all([
    createTestApp(),
    createTestApp({ env: { WORKSPACE_SIGNUP: 'open' } }),
    createTestApp({ env: { PUBLIC_URL: 'https://crm.example.ro' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([t.close(), open.close(), secure.close()]);
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const createKey = async (app: TestApp, headers: Record<string, string>, payload: Record<string, unknown>) =>
  app.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload });

describe(`who may sign in (${testDatabaseKind})`, () => {
  it('gives no session to a deactivated or deleted user, even with the right password', async () => {
    const admin = await setupWorkspace(t);
    const off = await addUser(t, admin.workspaceId);
    const gone = await addUser(t, admin.workspaceId);
    await t.ctx.db.updateTable('users').set({ active: false }).where('id', '=', off.userId).execute();
    await t.ctx.db.updateTable('users').set({ deletedAt: new Date() }).where('id', '=', gone.userId).execute();
    for (const user of [off, gone]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: user.email, password: user.password } });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('ACCOUNT_DEACTIVATED');
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('session_token=');
      // an existing session is no longer honoured either
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: user.headers })).statusCode).toBe(401);
    }
    const sessions = await t.ctx.db.selectFrom('session').select('id').where('userId', '=', off.userId).execute();
    expect(sessions).toHaveLength(1); // only the one from before the deactivation
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const admin = await setupWorkspace(secure);
    const res = await secure.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: admin.email, password: admin.password } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/session_token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0]!;
    expect((await secure.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } })).statusCode).toBe(200);
    // and plain http does not get it
    const plain = await setupWorkspace(t);
    const res2 = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: plain.email, password: plain.password } });
    expect(String(res2.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
  });
});

describe(`attempt limits (${testDatabaseKind})`, () => {
  const signInAs = (app: TestApp['app'], email: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, remoteAddress });

  it('caps failed sign-ins per e-mail even when the address changes with every try', async () => {
    const admin = await setupWorkspace(t);
    for (let i = 0; i < 20; i++) expect((await signInAs(t.app, admin.email, 'wrong password', `203.0.113.${i}`)).statusCode).toBe(401);
    const blocked = await signInAs(t.app, admin.email, admin.password, '203.0.113.200');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    // other people are not affected
    const other = await setupWorkspace(t);
    expect((await signInAs(t.app, other.email, other.password, '203.0.113.200')).statusCode).toBe(200);
    // only hashes are stored, never the e-mail or the address
    const rows = await t.ctx.db.selectFrom('authAttempt').select('key').execute();
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(rows)).not.toContain(admin.email);
    expect(JSON.stringify(rows)).not.toContain('203.0.113');
  });

  it('counts in the database, so every server process over it sees the same limit', async () => {
    const admin = await setupWorkspace(t);
    const second = await buildApp(t.ctx);
    try {
      for (let i = 0; i < 5; i++) expect((await signInAs(t.app, admin.email, 'wrong password', '198.51.100.7')).statusCode).toBe(401);
      expect((await signInAs(second, admin.email, admin.password, '198.51.100.7')).statusCode).toBe(429);
      expect((await signInAs(second, admin.email, admin.password, '198.51.100.8')).statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('limits password-reset requests per e-mail, so a mailbox cannot be flooded', async () => {
    const admin = await setupWorkspace(t);
    const ask = () =>
      t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', payload: { email: admin.email, redirectTo: '/reset-password' } });
    for (let i = 0; i < 3; i++) expect((await ask()).statusCode).toBe(200);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const mails = await t.ctx.db.selectFrom('mailMessage').select('id').where('toAddress', '=', admin.email).execute();
    expect(mails).toHaveLength(3);
  });
});

describe(`better-auth endpoints we do not offer (${testDatabaseKind})`, () => {
  it('refuses self sign-up without a workspace and ignores privilege fields in update-user', async () => {
    const admin = await setupWorkspace(t);
    const user = await addUser(t, admin.workspaceId);
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { email: 'intruder@example.com', password: 'a long password', name: 'Intruder' },
    });
    expect(signUp.statusCode).toBeGreaterThanOrEqual(400);
    expect(signUp.statusCode).toBeLessThan(500);
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'intruder@example.com').execute()).toEqual([]);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/update-user',
      headers: { ...user.headers, origin: 'http://localhost:3000' },
      payload: { isAdmin: true, workspaceId: crypto.randomUUID() },
    });
    const row = await t.ctx.db.selectFrom('users').select(['isAdmin', 'workspaceId']).where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row).toEqual({ isAdmin: false, workspaceId: admin.workspaceId });
  });
});

describe(`API keys: edges (${testDatabaseKind})`, () => {
  it('works as Bearer on other /api/v1 routes; malformed keys get 401 problem+json', async () => {
    const admin = await setupWorkspace(t);
    const { key } = (await createKey(t, admin.headers, { name: 'integration' })).json();
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(key) });
    expect(users.statusCode).toBe(200);
    expect(users.json().data.map((u: { email: string }) => u.email)).toContain(admin.email);
    for (const token of ['garbage', 'kk_zz_short', `${key}x`, '']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const stamped = await t.ctx.db.selectFrom('apiKey').select('lastUsedAt').where('prefix', '=', key.split('_')[1]).executeTakeFirstOrThrow();
    expect(stamped.lastUsedAt).toBeInstanceOf(Date);
  });

  it('stops a key when its user is deactivated or its role is removed', async () => {
    const admin = await setupWorkspace(t);
    const user = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'all' } } });
    const userKey = (await createKey(t, user.headers, { name: 'mine' })).json().key as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(userKey) })).statusCode).toBe(200);
    await t.ctx.db.updateTable('users').set({ active: false }).where('id', '=', user.userId).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(userKey) })).statusCode).toBe(401);

    const roleId = crypto.randomUUID();
    await t.ctx.db.insertInto('role').values({ id: roleId, workspaceId: admin.workspaceId, name: 'limited', grants: '{}' }).execute();
    const limited = (await createKey(t, admin.headers, { name: 'limited', roleId })).json().key as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(limited) })).json().user.isAdmin).toBe(false);
    await t.ctx.db.deleteFrom('role').where('id', '=', roleId).execute();
    // the key does not fall back to the administrator's full rights
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(limited) })).statusCode).toBe(401);
  });

  it('lets users see and revoke only their own keys; administrators all of the workspace', async () => {
    const admin = await setupWorkspace(t);
    const user = await addUser(t, admin.workspaceId);
    const adminKey = (await createKey(t, admin.headers, { name: 'admin key' })).json();
    const userKey = (await createKey(t, user.headers, { name: 'user key' })).json();
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: user.headers });
    expect(mine.json().data.map((k: { name: string }) => k.name)).toEqual(['user key']);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin.headers });
    expect(all.json().data.map((k: { name: string }) => k.name).sort()).toEqual(['admin key', 'user key']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${adminKey.id}`, headers: user.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(adminKey.key) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${userKey.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(userKey.key) })).statusCode).toBe(401);
    const audit = await t.ctx.db.selectFrom('auditLog').select('action').where('recordId', '=', userKey.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'revoked']);
  });

  it('lets administrators create a key acting as another user; nobody else may', async () => {
    const admin = await setupWorkspace(t);
    const service = await addUser(t, admin.workspaceId, { name: 'ERP service', grants: { partners: { read: 'all' } } });
    const created = await createKey(t, admin.headers, { name: 'ERP', userId: service.userId });
    expect(created.statusCode).toBe(201);
    expect(created.json().userId).toBe(service.userId);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(created.json().key) });
    expect(me.json()).toMatchObject({ user: { id: service.userId, isAdmin: false }, grants: { partners: { read: 'all' } } });
    expect((await createKey(t, service.headers, { name: 'steal', userId: admin.userId })).statusCode).toBe(403);
    const foreign = await setupWorkspace(t);
    expect((await createKey(t, admin.headers, { name: 'x', userId: foreign.userId })).statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('apiKey').select('id').where('userId', 'in', [admin.userId, foreign.userId]).execute()).toEqual([]);
  });

  it('rejects malformed key requests with 400 and writes nothing', async () => {
    const admin = await setupWorkspace(t);
    for (const payload of [{ name: '' }, { name: 'x', extra: true }, { name: 'x', roleId: 'nope' }, { name: 'x', expiresAt: 'tomorrow' }, { name: 'x', roleId: crypto.randomUUID() }]) {
      const res = await createKey(t, admin.headers, payload);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/api-keys/not-a-uuid', headers: admin.headers })).statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('apiKey').select('id').where('workspaceId', '=', admin.workspaceId).execute()).toEqual([]);
    expect((await createKey(t, {}, { name: 'anonymous' })).statusCode).toBe(401);
  });
});

describe(`workspace sign-up (${testDatabaseKind})`, () => {
  const body = (n: number) => ({ workspaceName: `Firma ${n}`, name: `Owner ${n}`, email: `owner${n}@firma.example`, password: 'a good password', locale: 'pl' });

  it('is closed unless WORKSPACE_SIGNUP=open', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/workspaces/sign-up', payload: body(0) });
    expect(res.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'owner0@firma.example').execute()).toEqual([]);
  });

  it('creates an isolated workspace with its administrator, signed in; limits sign-ups per address', async () => {
    const existing = await setupWorkspace(open);
    const res = await open.app.inject({ method: 'POST', url: '/api/v1/workspaces/sign-up', payload: body(1), remoteAddress: '10.1.1.1' });
    expect(res.statusCode).toBe(201);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = await open.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { email: 'owner1@firma.example', isAdmin: true, locale: 'pl' }, workspace: { name: 'Firma 1', currency: 'PLN' } });
    expect(me.json().workspace.id).not.toBe(existing.workspaceId);
    const users = await open.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie } });
    expect(users.json().data.map((u: { email: string }) => u.email)).toEqual(['owner1@firma.example']);

    const taken = await open.app.inject({ method: 'POST', url: '/api/v1/workspaces/sign-up', payload: { ...body(2), email: existing.email }, remoteAddress: '10.1.1.2' });
    expect(taken.statusCode).toBe(409);
    const malformed = await open.app.inject({ method: 'POST', url: '/api/v1/workspaces/sign-up', payload: { workspaceName: 'X' }, remoteAddress: '10.1.1.2' });
    expect(malformed.statusCode).toBe(400);

    for (const n of [3, 4, 5, 6]) {
      expect((await open.app.inject({ method: 'POST', url: '/api/v1/workspaces/sign-up', payload: body(n), remoteAddress: '10.1.1.1' })).statusCode).toBe(201);
    }
    const limited = await open.app.inject({ method: 'POST', url: '/api/v1/workspaces/sign-up', payload: body(7), remoteAddress: '10.1.1.1' });
    expect(limited.statusCode).toBe(429);
    expect(await open.ctx.db.selectFrom('users').select('id').where('email', '=', 'owner7@firma.example').execute()).toEqual([]);
    expect(await signIn(open, 'owner6@firma.example', 'a good password')).toContain('session_token=');
  });
});
