import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let boss: SignedIn;
let other: SignedIn;
let partnerId: string;
let contactId: string;
let strangerContactId: string;

const activities = (scope: 'own' | 'all') => ({
  activities: { read: scope, create: scope, update: scope, delete: scope },
  partners: { read: 'all' },
}) as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const filtered = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: activities('own'), name: 'Radu Rep' });
  boss = await addUser(t, admin.workspaceId, { grants: activities('all'), name: 'Bogdan Boss' });
  other = await setupWorkspace(t);
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Kovács és Társa Kft.', status: 'customer' })).json().id;
  contactId = (await call(admin, 'POST', '/contacts', { firstName: 'Éva', lastName: 'Szabó' })).json().id;
  await call(admin, 'PUT', `/partners/${partnerId}/contacts/${contactId}`, { role: 'purchasing' });
  strangerContactId = (await call(admin, 'POST', '/contacts', { firstName: 'Ion', lastName: 'Străin' })).json().id;
});
afterAll(() => t.close());

describe(`events (${testDatabaseKind})`, () => {
  it('records a call with a partner and contact, the time spent computed from start and end', async () => {
    const res = await call(rep, 'POST', '/events', {
      kind: 'call',
      subject: 'Ofertă anuală',
      startsAt: '2026-03-02T09:00:00Z',
      endsAt: '2026-03-02T09:25:00Z',
      partnerId,
      contactId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'call', minutesSpent: 25, ownerId: rep.userId, private: false, partnerId, contactId });
    // a time spent given explicitly is kept
    const given = await call(rep, 'POST', '/events', { kind: 'visit', subject: 'Vizită', startsAt: '2026-03-03T09:00:00Z', endsAt: '2026-03-03T11:00:00Z', minutesSpent: 90 });
    expect(given.json().minutesSpent).toBe(90);
    // a note written now: start defaults to now, no time spent
    const note = (await call(rep, 'POST', '/events', { subject: 'Notiță' })).json();
    expect(note.kind).toBe('note');
    expect(Math.abs(new Date(note.startsAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(note.minutesSpent).toBeNull();
    // moving the end moves the derived time spent
    const row = res.json();
    const moved = await call(rep, 'PATCH', `/events/${row.id}`, { endsAt: '2026-03-02T10:00:00Z', version: row.version });
    expect(moved.json().minutesSpent).toBe(60);
  });

  it('refuses an end before the start, a negative time, a contact of another partner — naming the field, writing nothing', async () => {
    const count = async () => (await call(admin, 'GET', '/events?limit=500')).json().data.length;
    const before = await count();
    const backwards = await call(rep, 'POST', '/events', { subject: 'x', startsAt: '2026-03-02T10:00:00Z', endsAt: '2026-03-02T09:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.headers['content-type']).toContain('application/problem+json');
    expect(backwards.json().errors).toEqual([{ path: 'endsAt', message: 'validation.endBeforeStart' }]);
    const negative = await call(rep, 'POST', '/events', { subject: 'x', minutesSpent: -5 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].path).toBe('minutesSpent');
    const wrongContact = await call(rep, 'POST', '/events', { subject: 'x', partnerId, contactId: strangerContactId });
    expect(wrongContact.statusCode).toBe(400);
    expect(wrongContact.json().errors).toEqual([{ path: 'contactId', message: 'validation.contactNotOfPartner' }]);
    const badKind = await call(rep, 'POST', '/events', { subject: 'x', kind: 'telepathy' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors[0].path).toBe('kind');
    expect(await count()).toBe(before);
    // a contact alone brings its partner along
    const viaContact = await call(rep, 'POST', '/events', { subject: 'Prin contact', contactId });
    expect(viaContact.json().partnerId).toBe(partnerId);
    // an update that would put the end before the start is refused too
    const row = viaContact.json();
    const bad = await call(rep, 'PATCH', `/events/${row.id}`, { endsAt: '2000-01-01T00:00:00Z', version: row.version });
    expect(bad.json().errors).toEqual([{ path: 'endsAt', message: 'validation.endBeforeStart' }]);
  });

  it('filters and sorts by kind, partner, owner and time', async () => {
    const calls = await call(boss, 'GET', `/events?${filtered({ and: [{ field: 'kind', op: 'eq', value: 'call' }, { field: 'partnerId', op: 'eq', value: partnerId }] })}&sort=-startsAt`);
    expect(calls.statusCode).toBe(200);
    expect(calls.json().data.map((e: { subject: string }) => e.subject)).toEqual(['Ofertă anuală']);
    const q = await call(boss, 'GET', '/events?q=oferta');
    expect(q.json().data.map((e: { subject: string }) => e.subject)).toEqual(['Ofertă anuală']);
    const long = await call(boss, 'GET', `/events?${filtered({ field: 'minutesSpent', op: 'gte', value: 60 })}&sort=minutesSpent`);
    expect(long.json().data.map((e: { minutesSpent: number }) => e.minutesSpent)).toEqual([60, 90]);
  });

  it('puts events with a partner on its timeline and makes them its latest activity', async () => {
    await t.ctx.worker.drain();
    const timeline = (await call(admin, 'GET', `/partners/${partnerId}/timeline?limit=200`)).json().data as { entity: string; type: string; payload: { title?: string } }[];
    const events = timeline.filter((e) => e.entity === 'event');
    expect(events.map((e) => e.type)).toContain('event.created');
    expect(events.map((e) => e.payload.title)).toContain('Ofertă anuală');
    const partner = (await call(admin, 'GET', `/partners/${partnerId}`)).json();
    expect(partner.lastActivityAt).not.toBeNull();
  });

  it('keeps private events to their owner and author: others with every right neither see nor change them, nor on the timeline', async () => {
    const secret = await call(rep, 'POST', '/events', { kind: 'meeting', subject: 'Negociere confidențială', partnerId, private: true });
    expect(secret.statusCode).toBe(201);
    const id = secret.json().id;
    expect((await call(rep, 'GET', `/events/${id}`)).statusCode).toBe(200);
    expect((await call(boss, 'GET', `/events/${id}`)).statusCode).toBe(404);
    expect((await call(boss, 'PATCH', `/events/${id}`, { subject: 'x', version: 1 })).statusCode).toBe(404);
    expect((await call(boss, 'DELETE', `/events/${id}`)).statusCode).toBe(404);
    const seen = (await call(boss, 'GET', '/events?limit=500')).json().data.map((e: { id: string }) => e.id);
    expect(seen).not.toContain(id);
    expect(seen.length).toBeGreaterThan(0);
    // the access core lets administrators see confidential rows
    expect((await call(admin, 'GET', `/events/${id}`)).statusCode).toBe(200);
    // an event made private later leaves the timeline too
    const open = (await call(rep, 'POST', '/events', { subject: 'Devine privat', partnerId })).json();
    await t.ctx.worker.drain();
    expect((await call(rep, 'PATCH', `/events/${open.id}`, { private: true, version: open.version })).statusCode).toBe(200);
    await t.ctx.worker.drain();
    const timeline = (await call(boss, 'GET', `/partners/${partnerId}/timeline?limit=200`)).json().data as { recordId: string; payload: unknown }[];
    expect(timeline.map((e) => e.recordId)).not.toContain(id);
    expect(timeline.map((e) => e.recordId)).not.toContain(open.id);
    expect(JSON.stringify(timeline)).not.toContain('confidențială');
  });

  it('keeps users with own scope to their own events', async () => {
    const mine = await call(boss, 'POST', '/events', { subject: 'Al șefului' });
    expect(mine.statusCode).toBe(201);
    expect((await call(rep, 'GET', `/events/${mine.json().id}`)).statusCode).toBe(404);
    const forSomeoneElse = await call(rep, 'POST', '/events', { subject: 'x', ownerId: boss.userId });
    expect(forSomeoneElse.statusCode).toBe(403);
  });

  it('keeps workspaces apart', async () => {
    const mine = (await call(admin, 'GET', '/events')).json().data[0];
    expect((await call(other, 'GET', `/events/${mine.id}`)).statusCode).toBe(404);
    expect((await call(other, 'PATCH', `/events/${mine.id}`, { subject: 'x', version: mine.version })).statusCode).toBe(404);
    expect((await call(other, 'GET', '/events')).json().data).toEqual([]);
    const foreign = await call(other, 'POST', '/events', { subject: 'x', partnerId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].path).toBe('partnerId');
  });
});
