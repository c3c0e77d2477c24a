import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let stranger: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  stranger = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'own' } } });
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, who: SignedIn = admin) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

describe(`partner timeline (${testDatabaseKind})`, () => {
  it('shows everything that happened with a partner, newest first, once, with its counts', async () => {
    const partner = (await call('POST', '/partners', { name: 'Łódź Logistyka', country: 'PL', taxId: '5260250274' })).json();
    const contact = (await call('POST', '/contacts', { firstName: 'Jan', lastName: 'Kowalski' })).json();
    await call('PUT', `/partners/${partner.id}/contacts/${contact.id}`, { role: 'CEO' });
    await call('PATCH', `/partners/${partner.id}`, { city: 'Łódź', version: partner.version });
    await call('PATCH', `/contacts/${contact.id}`, { position: 'Prezes', version: contact.version });
    // another module's event that names the partner lands on the timeline with no change to it
    await t.ctx.db.transaction().execute(async (trx) => {
      const { recordChange } = await import('../../platform/audit/record-change.ts');
      await recordChange(trx, { workspaceId: admin.workspaceId, entity: 'offer', recordId: crypto.randomUUID(), action: 'sent', actorId: admin.userId, payload: { partnerId: partner.id } });
    });
    await t.ctx.worker.drain();
    await t.ctx.worker.drain();
    const timeline = (await call('GET', `/partners/${partner.id}/timeline`)).json();
    expect(timeline.data.map((e: { type: string }) => e.type)).toEqual([
      'offer.sent',
      'contact.updated',
      'partner.updated',
      'partner.contactLinked',
      // the contact is linked when the projection runs, so its creation is part of the partner's story
      'contact.created',
      'partner.created',
    ]);
    expect(timeline.data[0].actorName).toBe('Ada Admin');
    const page = (await call('GET', `/partners/${partner.id}/timeline?limit=2`)).json();
    const next = (await call('GET', `/partners/${partner.id}/timeline?limit=10&cursor=${page.nextCursor}`)).json();
    expect([...page.data, ...next.data].map((e: { eventId: string }) => e.eventId)).toEqual(timeline.data.map((e: { eventId: string }) => e.eventId));
    const stats = (await call('GET', `/partners/${partner.id}/stats`)).json();
    expect(stats).toMatchObject({ total: 6, byEntity: { partner: 3, contact: 2, offer: 1 } });
    // what happened with the partner (not its own edits) is its latest activity, for the lifecycle job
    const after = (await call('GET', `/partners/${partner.id}`)).json();
    expect(after.lastActivityAt).not.toBeNull();
    expect(new Date(after.lastActivityAt).getTime()).toBe(new Date(timeline.data[0].at).getTime());
  });

  it('is visible only to those who may read the partner', async () => {
    const partner = (await call('GET', '/partners')).json().data[0];
    expect((await call('GET', `/partners/${partner.id}/timeline`, undefined, stranger)).statusCode).toBe(404);
    expect((await call('GET', `/partners/${partner.id}/timeline?cursor=broken`)).statusCode).toBe(400);
  });
});
