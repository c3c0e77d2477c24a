import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { markInactiveCustomers } from './lifecycle.ts';

let t: TestApp;
let admin: SignedIn;
let reader: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  reader = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'all' } } });
});
afterAll(() => t.close());

const post = (who: SignedIn, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

describe(`partner lifecycle (${testDatabaseKind})`, () => {
  it('converts a business card into a prospect keeping its history and contacts, once', async () => {
    const card = (await post(admin, '/partners', { name: 'Vizită târg Cluj', status: 'lead', country: 'RO' })).json();
    const contact = (await post(admin, '/contacts', { firstName: 'Ana', lastName: 'Mureșan' })).json();
    await t.app.inject({ method: 'PUT', url: `/api/v1/partners/${card.id}/contacts/${contact.id}`, headers: admin.headers, payload: { role: 'owner' } });
    expect((await post(reader, `/partners/${card.id}/convert`)).statusCode).toBe(403);
    const converted = await post(admin, `/partners/${card.id}/convert`);
    expect(converted.statusCode).toBe(200);
    expect(converted.json()).toMatchObject({ id: card.id, status: 'prospect' });
    const history = await t.app.inject({ method: 'GET', url: `/api/v1/partners/${card.id}/history`, headers: admin.headers });
    expect(history.json().data.map((h: { action: string }) => h.action)).toEqual(['converted', 'updated', 'contactLinked', 'created']);
    const contacts = await t.app.inject({ method: 'GET', url: `/api/v1/partners/${card.id}/contacts`, headers: admin.headers });
    expect(contacts.json().data).toHaveLength(1);
    const again = await post(admin, `/partners/${card.id}/convert`);
    expect(again.statusCode).toBe(422);
  });

  it('marks customers without activity for the workspace’s period as inactive, nightly', async () => {
    const quiet = (await post(admin, '/partners', { name: 'Liniștit SRL', status: 'customer', country: 'RO' })).json();
    const busy = (await post(admin, '/partners', { name: 'Activ SRL', status: 'customer', country: 'RO' })).json();
    await t.ctx.db.updateTable('partner').set({ lastActivityAt: new Date(Date.now() - 400 * 86_400_000) }).where('id', '=', quiet.id).execute();
    await t.ctx.db.updateTable('partner').set({ lastActivityAt: new Date(Date.now() - 30 * 86_400_000) }).where('id', '=', busy.id).execute();
    expect(await markInactiveCustomers(t.ctx.db)).toBe(1);
    const status = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/partners/${id}`, headers: admin.headers })).json().status;
    expect(await status(quiet.id)).toBe('inactive');
    expect(await status(busy.id)).toBe('customer');
    // a shorter period set for the workspace applies to it
    await t.ctx.db.updateTable('workspace').set({ settings: JSON.stringify({ partnerInactiveAfterDays: 10 }) }).where('id', '=', admin.workspaceId).execute();
    expect(await markInactiveCustomers(t.ctx.db)).toBe(1);
    expect(await status(busy.id)).toBe('inactive');
    const history = await t.app.inject({ method: 'GET', url: `/api/v1/partners/${busy.id}/history`, headers: admin.headers });
    expect(history.json().data[0].changes).toEqual({ status: ['customer', 'inactive'] });
  });

  it('runs as a scheduled job through the worker', async () => {
    const schedule = await t.ctx.db.selectFrom('jobSchedule').selectAll().where('name', '=', 'partners-lifecycle').executeTakeFirst();
    expect(schedule?.everySeconds).toBe(86_400);
    await t.ctx.db.updateTable('jobSchedule').set({ nextRunAt: new Date(Date.now() - 1000) }).where('name', '=', 'partners-lifecycle').execute();
    await t.ctx.worker.drain();
    const jobs = await t.ctx.db.selectFrom('job').select(['status', 'result']).where('queue', '=', 'partners.lifecycle').execute();
    expect(jobs.some((j) => j.status === 'done')).toBe(true);
  });
});
