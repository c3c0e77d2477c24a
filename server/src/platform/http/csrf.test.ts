import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

// Issue 13, point 3: a page on another port of the same host auto-submitted a multipart form to
// /api/v1/attachments and the file was attached; POST /partners with Origin: http://evil.test → 201.
let fixed: TestApp; // PUBLIC_URL=http://localhost:3000 (the test default)
let open: TestApp; // no PUBLIC_URL: the address each request reached is the own one
let admin: SignedIn;

beforeAll(async () => {
  [fixed, open] = await Promise.all([createTestApp(), createTestApp({ env: { PUBLIC_URL: undefined, PORT: '3211' } })]);
  admin = await setupWorkspace(fixed);
});
afterAll(async () => {
  await Promise.all([fixed.close(), open.close()]);
});

const createPartner = (t: TestApp, name: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/partners', headers, payload: { name } });

const partnerNamed = async (t: TestApp, name: string) =>
  (await t.ctx.db.selectFrom('partner').select('id').where('name', '=', name).execute()).length;

function multipart(fileName: string, content: Buffer) {
  const boundary = '----kontaktcsrf';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const blobCount = (t: TestApp) => {
  try {
    return readdirSync(`${t.ctx.config.dataDir}/files`, { recursive: true }).length;
  } catch {
    return 0;
  }
};

describe(`writes from another site's page (${testDatabaseKind})`, () => {
  it('refuses cookie-authenticated writes whose Origin is not the app’s own, with a clear problem', async () => {
    const refusedFrom = ['http://evil.test', 'http://localhost:3001', 'https://localhost:3000.evil.test', 'null'];
    for (const origin of refusedFrom) {
      const res = await createPartner(fixed, `Furat ${origin}`, { ...admin.headers, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'FOREIGN_ORIGIN', title: 'Request from another address refused', expectedOrigin: 'http://localhost:3000' });
      expect(await partnerNamed(fixed, `Furat ${origin}`)).toBe(0);
    }
    // updates and deletions as well
    const own = await createPartner(fixed, 'Al nostru SRL', { ...admin.headers, origin: 'http://localhost:3000' });
    expect(own.statusCode).toBe(201);
    const { id, version } = own.json();
    const patch = await fixed.app.inject({ method: 'PATCH', url: `/api/v1/partners/${id}`, headers: { ...admin.headers, origin: 'http://evil.test', 'if-match': String(version) }, payload: { name: 'Schimbat' } });
    expect(patch.statusCode).toBe(403);
    const del = await fixed.app.inject({ method: 'DELETE', url: `/api/v1/partners/${id}`, headers: { ...admin.headers, origin: 'http://evil.test' } });
    expect(del.statusCode).toBe(403);
    expect(await partnerNamed(fixed, 'Al nostru SRL')).toBe(1);
    // reading is not a write
    expect((await fixed.app.inject({ method: 'GET', url: `/api/v1/partners/${id}`, headers: { ...admin.headers, origin: 'http://evil.test' } })).statusCode).toBe(200);
  });

  it('refuses the multipart upload a page on another port auto-submits, storing no file', async () => {
    const unit = await fixed.app.inject({ method: 'POST', url: '/api/v1/org-units', headers: admin.headers, payload: { name: 'Vânzări' } });
    expect(unit.statusCode).toBe(201);
    const before = blobCount(fixed);
    const body = multipart('note.txt', Buffer.from('scris de altcineva'));
    const res = await fixed.app.inject({
      method: 'POST',
      url: `/api/v1/attachments?entity=orgUnit&recordId=${unit.json().id}`,
      payload: body.payload,
      // what Chromium sends for a form auto-submitted from http://localhost:8080
      headers: { ...admin.headers, 'content-type': body.type, origin: 'http://localhost:8080', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' },
    });
    expect(res.statusCode).toBe(403);
    expect(await fixed.ctx.db.selectFrom('attachment').select('id').where('recordId', '=', unit.json().id).execute()).toEqual([]);
    expect(blobCount(fixed)).toBe(before);
  });

  it('without Origin, goes by Sec-Fetch-Site: only same-origin (or a typed address) writes', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect((await createPartner(fixed, `Fără origine ${site}`, { ...admin.headers, 'sec-fetch-site': site })).statusCode, site).toBe(403);
    }
    expect((await createPartner(fixed, 'Aceeași origine SRL', { ...admin.headers, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    // not a browser at all (curl with the cookie): nothing to judge by, as before
    expect((await createPartner(fixed, 'Curl SRL', admin.headers)).statusCode).toBe(201);
  });

  it('leaves API keys alone: an integration may call from anywhere', async () => {
    const key = await fixed.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { ...admin.headers, origin: 'http://localhost:3000' }, payload: { name: 'ERP' } });
    expect(key.statusCode).toBe(201);
    const res = await createPartner(fixed, 'Prin cheie SRL', { authorization: `Bearer ${key.json().key}`, origin: 'http://erp.example.ro', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(201);
  });

  it('without PUBLIC_URL takes the address the request reached as the own one (the same rule as sign-in)', async () => {
    const owner = await setupWorkspace(open);
    const at = (host: string, origin: string) => createPartner(open, `Firma ${origin}`, { ...owner.headers, host, origin });
    expect((await at('192.168.1.20:3211', 'http://192.168.1.20:3211')).statusCode).toBe(201);
    expect((await at('127.0.0.1:3211', 'http://127.0.0.1:3211')).statusCode).toBe(201);
    const refused = await at('127.0.0.1:3211', 'http://127.0.0.1:8080');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FOREIGN_ORIGIN', expectedOrigin: null });
  });
});
