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

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, who: SignedIn = admin) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const create = async (body: object) => (await call('POST', '/partners', body)).json() as { id: string; name: string };

describe(`duplicates and merge (${testDatabaseKind})`, () => {
  it('finds partners with alike names, the same e-mail, and leaves different ones alone', async () => {
    const a = await create({ name: 'Kovács és Társa Kft.', country: 'HU', email: 'info@kovacs.hu' });
    const b = await create({ name: 'Kovacs es Tarsa Kft', country: 'HU' });
    const c = await create({ name: 'Egészen Más Zrt.', country: 'HU', email: 'INFO@kovacs.hu' });
    await create({ name: 'Nowak Sp. z o.o.', country: 'PL' });
    const pairs = (await call('GET', '/partners/duplicates')).json().data as { aId: string; bId: string; reason: string }[];
    const key = (x: string, y: string) => [x, y].sort().join('|');
    const found = new Map(pairs.map((p) => [key(p.aId, p.bId), p.reason]));
    expect(found.get(key(a.id, b.id))).toBe('name');
    expect(found.get(key(a.id, c.id))).toBe('email');
    expect(found.size).toBe(2);
    const forB = (await call('GET', `/partners/duplicates?partnerId=${b.id}`)).json().data;
    expect(forB).toHaveLength(1);
  });

  it('does not take partners whose names differ by their numbers for duplicates, and compares names by their words', async () => {
    const a = await create({ name: 'Transilvania Construct 12 SRL', country: 'RO' });
    await create({ name: 'Transilvania Construct 13 SRL', country: 'RO' });
    const c = await create({ name: 'TRANSILVANIA CONSTRUCT 12 S.R.L.', country: 'RO' });
    const pairs = (await call('GET', '/partners/duplicates')).json().data as { aId: string; bId: string; reason: string }[];
    const involving = pairs.filter((p) => [p.aId, p.bId].includes(a.id) || [p.aId, p.bId].includes(c.id));
    expect(involving.map((p) => [p.aId, p.bId].sort().join('|'))).toEqual([[a.id, c.id].sort().join('|')]);
    const forA = (await call('GET', `/partners/duplicates?partnerId=${a.id}`)).json().data as { bId: string }[];
    expect(forA.map((p) => p.bId)).toEqual([c.id]);
  });

  it('finds contacts with the same e-mail, the same phone written otherwise, or names alike; for one contact too', async () => {
    const contact = async (body: object) => (await call('POST', '/contacts', body)).json() as { id: string };
    const a = await contact({ firstName: 'Oleksandr', lastName: 'Shevchenko', email: 'o.shevchenko@example.ua', mobile: '+380 67 123 4567' });
    const b = await contact({ firstName: 'Олександр', lastName: 'Шевченко' });
    const c = await contact({ firstName: 'Sasha', lastName: 'Kovalenko', mobile: '067-123-45-67' });
    const d = await contact({ firstName: 'Taras', lastName: 'Bondar', email: 'O.Shevchenko@example.ua' });
    await contact({ firstName: 'Maria', lastName: 'Ionescu' });
    await contact({ firstName: 'Andrei', lastName: 'Ionescu' });
    const pairs = (await call('GET', '/contacts/duplicates')).json().data as { aId: string; bId: string; reason: string }[];
    const key = (x: string, y: string) => [x, y].sort().join('|');
    const found = new Map(pairs.map((p) => [key(p.aId, p.bId), p.reason]));
    expect(found.get(key(a.id, b.id))).toBe('name');
    expect(found.get(key(a.id, c.id))).toBe('phone');
    expect(found.get(key(a.id, d.id))).toBe('email');
    expect(found.size).toBe(3);
    const forB = (await call('GET', `/contacts/duplicates?contactId=${b.id}`)).json().data as { bId: string; reason: string }[];
    expect(forB.map((p) => [p.bId, p.reason])).toEqual([[a.id, 'name']]);
    const forA = (await call('GET', `/contacts/duplicates?contactId=${a.id}`)).json().data as { bId: string }[];
    expect(forA.map((p) => p.bId).sort()).toEqual([b.id, c.id, d.id].sort());
  });

  it('merges a duplicate keeping contacts, attachments-to-be, timeline and history of both', async () => {
    const keep = await create({ name: 'Petrom SRL', country: 'RO' });
    const dup = await create({ name: 'Petrom S.R.L.', country: 'RO', taxId: '1590082', city: 'Ploiești', tags: ['energie'] });
    const contact = (await call('POST', '/contacts', { lastName: 'Ionescu', firstName: 'Maria' })).json();
    await call('PUT', `/partners/${dup.id}/contacts/${contact.id}`, { role: 'CFO' });
    await t.ctx.worker.drain();
    expect((await call('POST', `/partners/${keep.id}/merge`, { duplicateId: dup.id }, reader)).statusCode).toBe(403);
    const merged = await call('POST', `/partners/${keep.id}/merge`, { duplicateId: dup.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ name: 'Petrom SRL', taxId: '1590082', taxIdKind: 'RO.CUI', city: 'Ploiești', tags: ['energie'] });
    const contacts = (await call('GET', `/partners/${keep.id}/contacts`)).json().data;
    expect(contacts).toEqual([expect.objectContaining({ fullName: 'Maria Ionescu', role: 'CFO' })]);
    expect((await call('GET', `/partners/${dup.id}`)).statusCode).toBe(404);
    const trash = (await call('GET', '/partners?trash=true')).json().data.map((p: { id: string }) => p.id);
    expect(trash).toContain(dup.id);
    await t.ctx.worker.drain();
    const timeline = (await call('GET', `/partners/${keep.id}/timeline`)).json().data.map((e: { type: string }) => e.type);
    expect(timeline).toContain('partner.merged');
    expect(timeline).toContain('partner.contactLinked');
    // the duplicate's own history stays readable from the trash
    const dupHistory = (await call('GET', `/partners/${dup.id}/history`)).json().data.map((h: { action: string }) => h.action);
    expect(dupHistory[0]).toBe('mergedInto');
    const keptHistory = (await call('GET', `/partners/${keep.id}/history`)).json().data.map((h: { action: string }) => h.action);
    expect(keptHistory[0]).toBe('merged');
    // a second partner with the merged tax ID is still refused
    expect((await call('POST', '/partners', { name: 'Alt Petrom', country: 'RO', taxId: '1590082' })).statusCode).toBe(409);
    expect((await call('POST', `/partners/${keep.id}/merge`, { duplicateId: keep.id })).statusCode).toBe(422);
  });

  it('puts on the kept partner what happened to the duplicate just before the merge, even when projected after it', async () => {
    const keep = await create({ name: 'Argeș Lemn SRL', country: 'RO' });
    const dup = await create({ name: 'Arges Lemn SRL', country: 'RO' });
    await t.ctx.worker.drain();
    // changes to the duplicate whose events are still in the outbox when the merge commits
    const event = await call('POST', '/events', { subject: 'Vizită la fabrică', partnerId: dup.id, startsAt: '2026-03-02T08:00:00Z', endsAt: '2026-03-02T09:00:00Z' });
    expect(event.statusCode).toBe(201);
    const task = await call('POST', '/tasks', { title: 'Ofertă cherestea', partnerId: dup.id });
    expect(task.statusCode).toBe(201);
    expect((await call('POST', `/partners/${keep.id}/merge`, { duplicateId: dup.id })).statusCode).toBe(200);
    // a partner merged into one that is merged in turn before the consumer runs: the pointers are followed
    const first = await create({ name: 'Argeș Lemn', country: 'RO' });
    const second = await create({ name: 'Arges-Lemn', country: 'RO' });
    const call2 = await call('POST', '/tasks', { title: 'Sunat contabilul', partnerId: first.id });
    expect((await call('POST', `/partners/${second.id}/merge`, { duplicateId: first.id })).statusCode).toBe(200);
    expect((await call('POST', `/partners/${keep.id}/merge`, { duplicateId: second.id })).statusCode).toBe(200);
    await t.ctx.worker.drain();
    const timeline = (await call('GET', `/partners/${keep.id}/timeline?limit=100`)).json().data as { type: string; recordId: string }[];
    const of = (id: string) => timeline.filter((e) => e.recordId === id).map((e) => e.type);
    expect(of(event.json().id)).toEqual(['event.created']);
    expect(of(task.json().id)).toEqual(['task.created']);
    expect(of(call2.json().id)).toEqual(['task.created']);
    expect((await call('GET', `/partners/${keep.id}/stats`)).json().byEntity).toMatchObject({ event: 1, task: 2 });
    // the three merges are part of the kept partner's story; "merged into" stays on each duplicate's own
    expect(timeline.filter((e) => e.type === 'partner.merged')).toHaveLength(3);
    expect(timeline.filter((e) => e.type === 'partner.mergedInto')).toHaveLength(0);
  });

  it('merges duplicate contacts, moving their partner links', async () => {
    const partner = await create({ name: 'Łódź Logistyka', country: 'PL' });
    const keep = (await call('POST', '/contacts', { lastName: 'Kowalski', firstName: 'Jan' })).json();
    const dup = (await call('POST', '/contacts', { lastName: 'Kowalski', firstName: 'Jan', email: 'jan@lodz.pl' })).json();
    await call('PUT', `/partners/${partner.id}/contacts/${dup.id}`, { role: 'CEO', isPrimary: true });
    const merged = await call('POST', `/contacts/${keep.id}/merge`, { duplicateId: dup.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().email).toBe('jan@lodz.pl');
    const partners = (await call('GET', `/contacts/${keep.id}/partners`)).json().data;
    expect(partners).toEqual([expect.objectContaining({ name: 'Łódź Logistyka', role: 'CEO', isPrimary: true })]);
  });

  it('moves the records of every module that point at the duplicate: opportunities, offers, contracts, competitors', async () => {
    const keep = await create({ name: 'Mureș Agro SRL' });
    const dup = await create({ name: 'Mures Agro SRL' });
    const opp = (await call('POST', '/opportunities', { name: 'Tractoare', partnerId: dup.id })).json();
    expect(opp.partnerId).toBe(dup.id);
    const contract = (await call('POST', '/contracts', { title: 'Service', partnerId: dup.id, startsOn: '2026-01-01' })).json();
    const competitor = (await call('POST', '/competitors', { name: 'Rival' })).json().id;
    await call('PUT', `/partners/${dup.id}/competitors`, { competitorIds: [competitor] });
    expect((await call('POST', `/partners/${keep.id}/merge`, { duplicateId: dup.id })).statusCode).toBe(200);
    expect((await call('GET', `/opportunities/${opp.id}`)).json()).toMatchObject({ partnerId: keep.id, version: opp.version + 1 });
    expect((await call('GET', `/contracts/${contract.id}`)).json().partnerId).toBe(keep.id);
    expect((await call('GET', `/partners/${keep.id}/competitors`)).json().data.map((c: { name: string }) => c.name)).toEqual(['Rival']);
  });
});
