import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, setupWorkspace, signIn } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

interface Received {
  to: string;
  data: string;
}
const received: Received[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let t: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;
  t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

describe(`authentication (${testDatabaseKind})`, () => {
  it('first-run setup creates the workspace and administrator once, signed in; a second setup is refused', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.json()).toEqual({ needed: true });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { workspaceName: 'Ștefan & Fiii SRL', name: 'Ștefan Pop', email: 'Stefan@Example.com', password: 'a strong password', locale: 'ro' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().slug).toBe('stefan-fiii-srl');
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const profile = await me(cookie);
    expect(profile.statusCode).toBe(200);
    expect(profile.json().user).toMatchObject({ email: 'stefan@example.com', locale: 'ro', isAdmin: true });
    expect(profile.json().workspace).toMatchObject({ name: 'Ștefan & Fiii SRL', currency: 'RON' });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { workspaceName: 'Other', name: 'X', email: 'x@example.com', password: 'a strong password' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
  });

  it('rejects a malformed setup body with 400 naming the fields, writing nothing', async () => {
    const before = await t.ctx.db.selectFrom('workspace').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { workspaceName: '', email: 'not-an-email', password: 'short', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.length).toBeGreaterThan(0);
    const after = await t.ctx.db.selectFrom('workspace').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('stores passwords with argon2id and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const admin = await setupWorkspace(t);
    const account = await t.ctx.db.selectFrom('account').select('password').where('userId', '=', admin.userId).executeTakeFirstOrThrow();
    expect(account.password).toMatch(/^\$argon2id\$/);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: admin.email, password: admin.password } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('kontakt.session_token=');
    expect(res.json().token).toBeUndefined();
    expect(res.json().user.email).toBe(admin.email);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers 401 to a wrong password and to anonymous /me; sign-out ends the session', async () => {
    const admin = await setupWorkspace(t);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: admin.email, password: 'wrong password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await me(admin.cookie)).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: admin.cookie, origin: 'http://localhost:3000' },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    expect((await me(admin.cookie)).statusCode).toBe(401);
  });

  it('limits failed sign-ins per e-mail and address with 429', async () => {
    const admin = await setupWorkspace(t);
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: admin.email, password }, remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 5; i++) expect((await attempt('bad password')).statusCode).toBe(401);
    const blocked = await attempt(admin.password);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not blocked
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email: admin.email, password: admin.password }, remoteAddress: '10.9.9.10' })).statusCode).toBe(200);
  });

  it('resets a password through the e-mailed link; old sessions end and the new password works', async () => {
    const admin = await setupWorkspace(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      payload: { email: admin.email, redirectTo: '/reset-password' },
    });
    expect(res.statusCode).toBe(200);
    // the mail is delivered by its job
    await t.ctx.worker.drain();
    const mail = received.find((m) => m.to === admin.email);
    expect(mail).toBeDefined();
    const token = /reset-password\?token=([A-Za-z0-9_\-%=.]+)/.exec(mail!.data.replace(/=\r?\n/g, ''))?.[1];
    expect(token).toBeTruthy();
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { newPassword: 'a brand new password', token: decodeURIComponent(token!) },
    });
    expect(reset.statusCode).toBe(200);
    expect((await me(admin.cookie)).statusCode).toBe(401);
    await expect(signIn(t, admin.email, admin.password)).rejects.toThrow(/401/);
    expect(await signIn(t, admin.email, 'a brand new password')).toContain('kontakt.session_token=');
    const row = await t.ctx.db.selectFrom('mailMessage').select('status').where('toAddress', '=', admin.email).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('updates the own language and theme, and refuses unknown ones', async () => {
    const admin = await setupWorkspace(t);
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: admin.headers, payload: { locale: 'uk', theme: 'dark' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ locale: 'uk', theme: 'dark' });
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: admin.headers, payload: { locale: 'de' } });
    expect(bad.statusCode).toBe(400);
    expect((await me(admin.cookie)).json().user.locale).toBe('uk');
  });

  it('refuses a deactivated user', async () => {
    const admin = await setupWorkspace(t);
    const user = await addUser(t, admin.workspaceId);
    await t.ctx.db.updateTable('users').set({ active: false }).where('id', '=', user.userId).execute();
    expect((await me(user.cookie)).statusCode).toBe(401);
  });
});

describe(`API keys (${testDatabaseKind})`, () => {
  it('creates a key shown once, authenticates with it as Bearer, and refuses it after revocation', async () => {
    const admin = await setupWorkspace(t);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin.headers, payload: { name: 'ERP sync' } });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^kk_[0-9a-f]{12}_/);
    const stored = await t.ctx.db.selectFrom('apiKey').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // the secret (which may itself contain '_') is never stored, only its hash
    const secret = /^kk_[0-9a-f]{12}_(.+)$/.exec(key)![1]!;
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const viaKey = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } });
    expect(viaKey.statusCode).toBe(200);
    expect(viaKey.json()).toMatchObject({ via: 'apiKey', user: { id: admin.userId } });
    // the same key with its last character changed (to one it surely is not)
    const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${altered}` } });
    expect(wrong.statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin.headers });
    expect(list.json().data.map((k: { id: string }) => k.id)).toContain(id);
    expect(JSON.stringify(list.json())).not.toContain(key);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
  });

  it('refuses an expired key and an expiry in the past', async () => {
    const admin = await setupWorkspace(t);
    const past = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin.headers, payload: { name: 'soon' } });
    await t.ctx.db.updateTable('apiKey').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', created.json().id).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${created.json().key}` } })).statusCode).toBe(401);
  });

  it('limits a key to its role: an admin key bound to a read-only role is not an admin', async () => {
    const admin = await setupWorkspace(t);
    const roleId = crypto.randomUUID();
    await t.ctx.db
      .insertInto('role')
      .values({ id: roleId, workspaceId: admin.workspaceId, name: 'reader', grants: JSON.stringify({ partners: { read: 'all' } }) })
      .execute();
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin.headers, payload: { name: 'reader key', roleId } });
    expect(created.statusCode).toBe(201);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${created.json().key}` } });
    expect(res.json().user.isAdmin).toBe(false);
    expect(res.json().grants).toEqual({ partners: { read: 'all' } });
    // and administration is refused to it
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail-outbox', headers: { authorization: `Bearer ${created.json().key}` } })).statusCode).toBe(403);
  });

  it('never shows or revokes another workspace’s keys', async () => {
    const a = await setupWorkspace(t);
    const b = await setupWorkspace(t);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: a.headers, payload: { name: 'A key' } });
    const listB = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: b.headers });
    expect(listB.json().data).toEqual([]);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${created.json().id}`, headers: b.headers });
    expect(revoke.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${created.json().key}` } })).statusCode).toBe(200);
  });
});

describe(`mail outbox (${testDatabaseKind})`, () => {
  it('lists the workspace’s outgoing mail for administrators only', async () => {
    const admin = await setupWorkspace(t);
    await t.ctx.mailer.send({ workspaceId: admin.workspaceId, to: 'client@example.com', subject: 'Ofertă', text: 'Bună ziua' });
    const other = await setupWorkspace(t);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail-outbox', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((m: { subject: string }) => m.subject)).toContain('Ofertă');
    const foreign = await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail-outbox', headers: other.headers });
    expect(foreign.json().data.map((m: { subject: string }) => m.subject)).not.toContain('Ofertă');
    const user = await addUser(t, admin.workspaceId);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail-outbox', headers: user.headers })).statusCode).toBe(403);
    const settings = await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail-settings', headers: admin.headers });
    expect(settings.json()).toEqual({ smtpConfigured: true, smtpHost: `127.0.0.1:${smtpPort}`, from: 'Kontakt CRM <no-reply@localhost>' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail-settings', headers: user.headers })).statusCode).toBe(403);
  });
});
