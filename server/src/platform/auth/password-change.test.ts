import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, setupWorkspace, signIn } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

// Issue 13, point 8: a password change over the API kept every other session (and API key) alive
// unless the caller sent revokeOtherSessions.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ORIGIN = 'http://localhost:3000';
const status = async (headers: Record<string, string>) => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode;
const newKey = async (cookie: string, name: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie, origin: ORIGIN }, payload: { name } });
  expect(res.statusCode).toBe(201);
  return res.json().key as string;
};

describe(`a new password ends every other way in (${testDatabaseKind})`, () => {
  it('revokes the other sessions and the API keys of the user, even when the caller does not ask to', async () => {
    const admin = await setupWorkspace(t);
    const colleague = await addUser(t, admin.workspaceId);
    const otherBrowser = await signIn(t, admin.email, admin.password);
    const key = await newKey(admin.cookie, 'integration');
    const colleagueKey = await newKey(colleague.cookie, 'theirs');
    expect(await status({ cookie: otherBrowser })).toBe(200);
    expect(await status({ authorization: `Bearer ${key}` })).toBe(200);

    for (const body of [{}, { revokeOtherSessions: false }]) {
      const change = await t.app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: { cookie: admin.cookie, origin: ORIGIN },
        payload: { currentPassword: admin.password, newPassword: 'o parolă nouă și lungă', ...body },
      });
      expect(change.statusCode).toBe(200);
      // the browser that changed it stays signed in, with a new session
      admin.cookie = String(change.headers['set-cookie']).split(';')[0]!;
      expect(await status({ cookie: admin.cookie })).toBe(200);
      expect(await status({ cookie: otherBrowser })).toBe(401);
      expect(await status({ authorization: `Bearer ${key}` })).toBe(401);
      admin.password = 'o parolă nouă și lungă';
    }
    const sessions = await t.ctx.db.selectFrom('session').select('id').where('userId', '=', admin.userId).execute();
    expect(sessions).toHaveLength(1);
    const revoked = await t.ctx.db.selectFrom('auditLog').select('action').where('entity', '=', 'apiKey').where('actorId', '=', admin.userId).where('action', '=', 'revoked').execute();
    expect(revoked).toHaveLength(1);
    // nobody else is touched
    expect(await status({ cookie: colleague.cookie })).toBe(200);
    expect(await status({ authorization: `Bearer ${colleagueKey}` })).toBe(200);
  });

  it('a wrong current password changes nothing', async () => {
    const admin = await setupWorkspace(t);
    const key = await newKey(admin.cookie, 'integration');
    const other = await signIn(t, admin.email, admin.password);
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: admin.cookie, origin: ORIGIN },
      payload: { currentPassword: 'not the password', newPassword: 'o parolă nouă și lungă' },
    });
    expect(change.statusCode).toBe(400);
    expect(await status({ cookie: other })).toBe(200);
    expect(await status({ authorization: `Bearer ${key}` })).toBe(200);
  });

  it('a reset through the e-mailed link ends the sessions and the API keys too', async () => {
    const admin = await setupWorkspace(t);
    const key = await newKey(admin.cookie, 'integration');
    const asked = await t.app.inject({ method: 'POST', url: '/api/auth/request-password-reset', payload: { email: admin.email, redirectTo: '/reset-password' } });
    expect(asked.statusCode).toBe(200);
    const row = await t.ctx.db
      .selectFrom('verification')
      .select('identifier')
      .where('identifier', 'like', 'reset-password:%')
      .where('value', '=', admin.userId)
      .executeTakeFirstOrThrow();
    const token = row.identifier.slice('reset-password:'.length);
    const reset = await t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, newPassword: 'alt cuvânt de trecere' } });
    expect(reset.statusCode).toBe(200);
    expect(await status({ cookie: admin.cookie })).toBe(401);
    expect(await status({ authorization: `Bearer ${key}` })).toBe(401);
    expect(await signIn(t, admin.email, 'alt cuvânt de trecere')).toContain('session_token=');
  });
});
