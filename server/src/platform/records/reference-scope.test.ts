import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

// A write may only point at records its author may read: a colleague's partner outside an "own"
// scope is refused exactly like an id that does not exist, and nothing reaches that partner.
let t: TestApp;
let admin: SignedIn;
let mine: SignedIn;
let colleague: SignedIn;

type Method = 'GET' | 'POST' | 'PATCH';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const own = {
  partners: { read: 'own', create: 'own', update: 'own', delete: 'own' },
  activities: { read: 'own', create: 'own', update: 'own', delete: 'own' },
  sales: { read: 'own', create: 'own', update: 'own', delete: 'own' },
} as const;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t, { locale: 'ro' });
  mine = await addUser(t, admin.workspaceId, { grants: own, name: 'Maria Own' });
  colleague = await addUser(t, admin.workspaceId, { grants: own, name: 'Costel Coleg' });
});
afterAll(() => t.close());

describe(`references outside the actor's scope (${testDatabaseKind})`, () => {
  it('refuses events and tasks about a colleague’s partner or contact as if it did not exist', async () => {
    const hidden = await call(colleague, 'POST', '/partners', { name: 'Hidden Zeta SRL' });
    expect(hidden.statusCode, hidden.body).toBe(201);
    const hiddenContact = await call(colleague, 'POST', '/contacts', { firstName: 'Ilie', lastName: 'Ascuns' });
    expect(hiddenContact.statusCode, hiddenContact.body).toBe(201);
    const visible = (await call(mine, 'POST', '/partners', { name: 'Vizibil SRL' })).json();
    const at = '2031-05-06T08:00:00Z';
    const until = '2031-05-06T09:00:00Z';

    const writes: [string, Record<string, unknown>][] = [
      ['/events', { kind: 'call', subject: 'Probe', startsAt: at, endsAt: until }],
      ['/tasks', { title: 'Probe', dueAt: until }],
    ];
    for (const [url, body] of writes) {
      const unknown = await call(mine, 'POST', url, { ...body, partnerId: randomUUID() });
      const foreign = await call(mine, 'POST', url, { ...body, partnerId: hidden.json().id });
      expect(unknown.statusCode, unknown.body).toBe(400);
      expect(foreign.statusCode, foreign.body).toBe(400);
      // the same answer: nothing tells the two apart
      expect(foreign.json().errors).toEqual(unknown.json().errors);
      const foreignContact = await call(mine, 'POST', url, { ...body, contactId: hiddenContact.json().id });
      expect(foreignContact.statusCode, foreignContact.body).toBe(400);
      expect(foreignContact.json().errors.map((e: { path: string }) => e.path)).toContain('contactId');
      // the actor's own partner is fine
      const ok = await call(mine, 'POST', url, { ...body, partnerId: visible.id });
      expect(ok.statusCode, ok.body).toBe(201);
      // and an existing record cannot be moved onto the hidden partner either
      const moved = await call(mine, 'PATCH', `${url}/${ok.json().id}`, { partnerId: hidden.json().id, version: ok.json().version });
      expect(moved.statusCode, moved.body).toBe(400);
    }
    // nothing reached the hidden partner
    const timeline = await call(colleague, 'GET', `/partners/${hidden.json().id}/timeline?limit=50`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect((timeline.json().data as { type: string }[]).filter((e) => !e.type.startsWith('partner'))).toEqual([]);
    const events = await call(admin, 'GET', `/events?filter=${encodeURIComponent(JSON.stringify({ field: 'partnerId', op: 'eq', value: hidden.json().id }))}`);
    expect(events.json().data).toEqual([]);
    // the administrator (all) may link it
    const byAdmin = await call(admin, 'POST', '/tasks', { title: 'Admin', dueAt: until, partnerId: hidden.json().id });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });

  it('keeps one partner per tax ID but names the holder only to those who may read it', async () => {
    const held = await call(colleague, 'POST', '/partners', { name: 'Hidden Tax SRL', country: 'RO', taxId: 'RO30540177' });
    expect(held.statusCode, held.body).toBe(201);
    const mineSame = await call(mine, 'POST', '/partners', { name: 'Probe SRL', country: 'RO', taxId: '30540177' });
    expect(mineSame.statusCode, mineSame.body).toBe(409);
    expect(mineSame.body).not.toContain('Hidden Tax SRL');
    expect(mineSame.json()).toMatchObject({ detail: expect.stringMatching(/ask an administrator/), errors: [{ path: 'taxId', message: 'validation.taxId.duplicateHidden' }] });
    // an own partner moved onto the number: the same
    const own = (await call(mine, 'POST', '/partners', { name: 'Own SRL', country: 'RO' })).json();
    const moved = await call(mine, 'PATCH', `/partners/${own.id}`, { taxId: 'RO 30540177', version: own.version });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.body).not.toContain('Hidden Tax SRL');
    // who may read it is told which partner holds the number
    const byAdmin = await call(admin, 'POST', '/partners', { name: 'Admin SRL', country: 'RO', taxId: '30540177' });
    expect(byAdmin.statusCode, byAdmin.body).toBe(409);
    expect(byAdmin.json().detail).toContain('Hidden Tax SRL');
  });
});
