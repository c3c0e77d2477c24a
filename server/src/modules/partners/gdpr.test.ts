import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let reader: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  reader = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'all' } } });
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, who: SignedIn = admin) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

describe(`personal data of contacts (${testDatabaseKind})`, () => {
  it('exports everything about a person and erases it on request, keeping only the fact of the erasure', async () => {
    const partner = (await call('POST', '/partners', { name: 'Kovács és Társa Kft.', country: 'HU' })).json();
    const contact = (await call('POST', '/contacts', { firstName: 'Éva', lastName: 'Szabó', email: 'eva@kovacs.hu', birthday: '1985-03-12', consentEmail: true })).json();
    await call('PUT', `/partners/${partner.id}/contacts/${contact.id}`, { role: 'purchasing' });
    await call('PATCH', `/contacts/${contact.id}`, { phone: '+36 1 234 5678', version: contact.version });
    await t.ctx.worker.drain();

    expect((await call('GET', `/contacts/${contact.id}/personal-data`, undefined, reader)).statusCode).toBe(403);
    const exported = await call('GET', `/contacts/${contact.id}/personal-data`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('personal-data-');
    const data = exported.json();
    expect(data.contact).toMatchObject({ fullName: 'Éva Szabó', email: 'eva@kovacs.hu', birthday: '1985-03-12', consentEmail: true });
    expect(data.partners).toEqual([expect.objectContaining({ name: 'Kovács és Társa Kft.', role: 'purchasing' })]);
    expect(data.history.map((h: { action: string }) => h.action)).toEqual(['created', 'updated']);

    expect((await call('POST', `/contacts/${contact.id}/erase`, undefined, reader)).statusCode).toBe(403);
    expect((await call('POST', `/contacts/${contact.id}/erase`)).statusCode).toBe(204);
    const { rows } = await sql<{ text: string }>`select concat_ws(' ', c::text,
        (select string_agg(changes::text, ' ') from audit_log where record_id = c.id),
        (select string_agg(payload::text, ' ') from outbox_event where record_id = c.id),
        (select string_agg(payload::text, ' ') from partner_timeline where record_id = c.id)) as text
      from contact c where c.id = ${contact.id}`.execute(t.ctx.db);
    for (const personal of ['Éva', 'Szabó', 'eva@kovacs.hu', '1985-03-12', '234 5678']) expect(rows[0]!.text).not.toContain(personal);
    expect((await call('GET', `/partners/${partner.id}/contacts`)).json().data).toEqual([]);
    expect((await call('GET', `/search?q=${encodeURIComponent('szabo')}`)).json().data).toEqual([]);
    const history = await t.ctx.db.selectFrom('auditLog').select('action').where('recordId', '=', contact.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(history.action).toBe('erased');
  });
});
