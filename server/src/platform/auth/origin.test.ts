import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

// Issue 12, defect 1: started with PORT=3201 and no PUBLIC_URL, every sign-in from the address the
// server was opened at was refused with 403 "Invalid origin".
let open: TestApp;
let fixed: TestApp;

beforeAll(async () => {
  [open, fixed] = await Promise.all([
    createTestApp({ env: { PUBLIC_URL: undefined, PORT: '3201' } }),
    createTestApp({ env: { PUBLIC_URL: 'https://crm.example.ro' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([open.close(), fixed.close()]);
});

const signInFrom = (t: TestApp, email: string, password: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password }, headers });

describe(`the app's own address (${testDatabaseKind})`, () => {
  it('without PUBLIC_URL signs in from the address the server is reached by: loopback, LAN name or address', async () => {
    const admin = await setupWorkspace(open);
    for (const host of ['127.0.0.1:3201', '192.168.1.20:3201', 'crm-server.local:3201', '[::1]:3201']) {
      const res = await signInFrom(open, admin.email, admin.password, { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
      expect(res.statusCode, host).toBe(200);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      // and the session works for the API and for signing out again (better-auth checks the origin there too)
      expect((await open.app.inject({ method: 'GET', url: '/api/v1/me', headers: { host, cookie } })).statusCode).toBe(200);
      const out = await open.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { host, cookie, origin: `http://${host}` } });
      expect(out.statusCode, host).toBe(200);
    }
  });

  it('refuses a sign-in sent from another site, in words a person understands', async () => {
    const admin = await setupWorkspace(open);
    const cases: Record<string, string>[] = [
      { host: '127.0.0.1:3201', origin: 'http://evil.test' },
      // another port of the same host is another origin
      { host: '127.0.0.1:3201', origin: 'http://127.0.0.1:8080' },
      // an http page may not act for a server reached over https
      { host: '127.0.0.1:3201', origin: 'http://127.0.0.1:3201', 'x-forwarded-proto': 'https' },
      { host: '127.0.0.1:3201', origin: 'null' },
      { host: '127.0.0.1:3201', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of cases) {
      const res = await signInFrom(open, admin.email, admin.password, headers);
      if (headers['x-forwarded-proto']) {
        // without TRUST_PROXY the forwarded scheme is not believed: the request came over http, as the page
        expect(res.statusCode).toBe(200);
        continue;
      }
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'FOREIGN_ORIGIN', title: 'Request from another address refused', status: 403 });
      expect(res.json().detail).toMatch(/came from another site or address/);
      expect(res.json().detail).not.toMatch(/Invalid origin/);
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('session_token=');
    }
  });

  it('with PUBLIC_URL accepts that address only, and names it when it refuses', async () => {
    const admin = await setupWorkspace(fixed);
    const ok = await signInFrom(fixed, admin.email, admin.password, { host: '10.0.0.5:3000', origin: 'https://crm.example.ro' });
    expect(ok.statusCode).toBe(200);
    const refused = await signInFrom(fixed, admin.email, admin.password, { host: '10.0.0.5:3000', origin: 'http://10.0.0.5:3000' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FOREIGN_ORIGIN');
    expect(refused.json().detail).toContain('https://crm.example.ro');
    expect(refused.json().detail).toContain('PUBLIC_URL');
  });

  it('lets clients that are not browsers (no Origin, no Fetch Metadata) sign in as before', async () => {
    const admin = await setupWorkspace(open);
    expect((await signInFrom(open, admin.email, admin.password, {})).statusCode).toBe(200);
  });
});
