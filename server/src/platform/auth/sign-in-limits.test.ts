import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

// Issue 13, point 7: with trustProxy: true, twenty wrong passwords from forged X-Forwarded-For
// addresses locked the real user out from everywhere, and a parallel burst checked 9 guesses, not 5.
let direct: TestApp; // no TRUST_PROXY: X-Forwarded-For means nothing
let proxied: TestApp; // behind a proxy on 127.0.0.1
let admin: SignedIn;

beforeAll(async () => {
  [direct, proxied] = await Promise.all([createTestApp(), createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } })]);
  admin = await setupWorkspace(direct);
});
afterAll(async () => {
  await Promise.all([direct.close(), proxied.close()]);
});

const signIn = (t: TestApp, email: string, password: string, remoteAddress: string, forwardedFor?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    payload: { email, password },
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

describe(`whose address counts (${testDatabaseKind})`, () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY names the sender', async () => {
    const victim = await setupWorkspace(direct);
    // the attacker forges a new address with every try: all count against the one real address
    for (let i = 0; i < 5; i++) expect((await signIn(direct, victim.email, 'wrong', '198.51.100.9', `203.0.113.${i}`)).statusCode).toBe(401);
    expect((await signIn(direct, victim.email, victim.password, '198.51.100.9', '203.0.113.77')).statusCode).toBe(429);
    // the real user elsewhere is not affected
    expect((await signIn(direct, victim.email, victim.password, '192.0.2.10')).statusCode).toBe(200);
  });

  it('believes X-Forwarded-For from a configured proxy only', async () => {
    const user = await setupWorkspace(proxied);
    for (let i = 0; i < 5; i++) expect((await signIn(proxied, user.email, 'wrong', '127.0.0.1', '198.51.100.1')).statusCode).toBe(401);
    expect((await signIn(proxied, user.email, user.password, '127.0.0.1', '198.51.100.1')).statusCode).toBe(429);
    // another client behind the same proxy
    expect((await signIn(proxied, user.email, user.password, '127.0.0.1', '198.51.100.2')).statusCode).toBe(200);
    // a sender that is not the proxy cannot choose its address
    for (let i = 0; i < 5; i++) expect((await signIn(proxied, user.email, 'wrong', '10.9.9.9', `198.51.100.${50 + i}`)).statusCode).toBe(401);
    expect((await signIn(proxied, user.email, user.password, '10.9.9.9', '198.51.100.99')).statusCode).toBe(429);
  });

  it('refuses to trust every sender', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true', SECRET: 'x' })).toThrow(/TRUST_PROXY names the proxies/);
    expect(loadConfig({ SECRET: 'x' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8', SECRET: 'x' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});

describe(`attempts counted atomically (${testDatabaseKind})`, () => {
  it('checks at most 5 guesses from one address, however many arrive at once', async () => {
    const target = await setupWorkspace(direct);
    const burst = await Promise.all(Array.from({ length: 12 }, () => signIn(direct, target.email, 'wrong guess', '198.51.100.66')));
    const codes = burst.map((r) => r.statusCode);
    const checked = codes.filter((c) => c === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 401 && c !== 429)).toEqual([]);
    // attempts refused in the burst do not count: the address has exactly 5 guesses in all
    let more = 0;
    while ((await signIn(direct, target.email, 'wrong again', '198.51.100.66')).statusCode === 401) more++;
    expect(checked + more).toBe(5);
    expect((await signIn(direct, target.email, target.password, '198.51.100.66')).statusCode).toBe(429);
  });
});

describe(`an attack slows addresses, not the account (${testDatabaseKind})`, () => {
  it('keeps the account open from the addresses that signed in to it before while new ones wait', async () => {
    // the real user signs in from the office as usual
    expect((await signIn(direct, admin.email, admin.password, '192.0.2.1')).statusCode).toBe(200);
    // twenty guesses from twenty addresses
    for (let i = 0; i < 20; i++) expect((await signIn(direct, admin.email, 'guess', `203.0.113.${100 + i}`)).statusCode).toBe(401);
    // the office still gets in; an address never seen for this account waits, even with the right password
    expect((await signIn(direct, admin.email, admin.password, '192.0.2.1')).statusCode).toBe(200);
    const unknown = await signIn(direct, admin.email, admin.password, '203.0.113.250');
    expect(unknown.statusCode).toBe(429);
    expect(Number(unknown.headers['retry-after'])).toBeGreaterThan(0);
    // the office's own limit still holds for wrong passwords from there
    for (let i = 0; i < 5; i++) expect((await signIn(direct, admin.email, 'guess', '192.0.2.1')).statusCode).toBe(401);
    expect((await signIn(direct, admin.email, admin.password, '192.0.2.1')).statusCode).toBe(429);
  });
});
