import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

// Issue 13, point 4: /, /r/..., /api/v1/... and /api/docs sent no security headers; the app could be framed.
let t: TestApp;
let proxied: TestApp; // behind a TLS-terminating proxy on 127.0.0.1, no PUBLIC_URL
let web: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kontakt-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'export default 1;\n');
  [t, proxied] = await Promise.all([createTestApp(), createTestApp({ env: { PUBLIC_URL: undefined, TRUST_PROXY: '127.0.0.1' } })]);
  web = await buildApp(t.ctx, { serveWeb: true, webDist: dist });
});
afterAll(async () => {
  await web.close();
  await Promise.all([t.close(), proxied.close()]);
  rmSync(dist, { recursive: true, force: true });
});

const directives = (csp: unknown) =>
  Object.fromEntries(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

describe(`security headers (${testDatabaseKind})`, () => {
  it('sends the web app with a strict CSP, no sniffing, no framing by others and a same-origin Referer', async () => {
    for (const url of ['/', '/r/partners/0190a1b2-0000-7000-8000-000000000001', '/partners']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'self'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
    const asset = await web.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets API answers run nothing when opened as a page', async () => {
    for (const url of ['/api/v1/me', '/api/health', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['default-src'], url).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'self'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('gives the API reference what it needs, and no more framing than the app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp['frame-ancestors']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('marks cookies Secure (and asks for https from then on) when the request came over https', async () => {
    const admin = await setupWorkspace(proxied);
    const overHttps = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: admin.email, password: admin.password },
      remoteAddress: '127.0.0.1',
      headers: { host: 'crm.firma.ro', origin: 'https://crm.firma.ro', 'x-forwarded-proto': 'https' },
    });
    expect(overHttps.statusCode).toBe(200);
    const cookies = [overHttps.headers['set-cookie']].flat().map(String);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookies.join('\n').match(/session_token=/g)).toHaveLength(1);
    expect(overHttps.headers['strict-transport-security']).toMatch(/max-age=\d+/);

    const overHttp = await proxied.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: admin.email, password: admin.password },
      remoteAddress: '127.0.0.1',
      headers: { host: 'crm.firma.ro', origin: 'http://crm.firma.ro' },
    });
    expect(overHttp.statusCode).toBe(200);
    expect(String(overHttp.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
  });
});
