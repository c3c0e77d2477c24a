import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { notify } from './notify.ts';
import { LoggingSmsGateway, normalizePhone } from './sms.ts';

let t: TestApp;
let admin: SignedIn;
let user: SignedIn;
let other: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  user = await addUser(t, admin.workspaceId, { name: 'Zsófia Tóth' });
  other = await setupWorkspace(t);
  await t.ctx.db.updateTable('users').set({ phone: '+36 30 123 4567' }).where('id', '=', user.userId).execute();
});
afterAll(() => t.close());

const call = (who: SignedIn, method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

const send = (kind: string, title: string) =>
  t.ctx.db.transaction().execute((trx) => notify(trx, { workspaceId: admin.workspaceId, userId: user.userId, kind, title, link: '/r/partners' }));

describe(`notification channels (${testDatabaseKind})`, () => {
  it('lists every kind with its default channels until the user chooses', async () => {
    const res = await call(user, 'GET', '/me/notification-preferences');
    expect(res.statusCode).toBe(200);
    const byKind = Object.fromEntries(res.json().data.map((p: { kind: string }) => [p.kind, p]));
    expect(byKind.record_shared).toMatchObject({ inApp: true, email: false, sms: false, labelKey: 'notificationKinds.record_shared' });
    expect(byKind.access_changed).toMatchObject({ inApp: true, email: true, sms: false });
  });

  it('delivers by the channels chosen: in the app only, e-mail once through the outbox, SMS once through the gateway', async () => {
    await send('record_shared', 'Ana a partajat o înregistrare');
    await t.ctx.worker.drain();
    expect(await t.ctx.db.selectFrom('mailMessage').select('id').where('subject', '=', 'Ana a partajat o înregistrare').execute()).toEqual([]);

    const chosen = await call(user, 'PUT', '/me/notification-preferences', { data: [{ kind: 'record_shared', inApp: false, email: true, sms: true }] });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().data.find((p: { kind: string }) => p.kind === 'record_shared')).toMatchObject({ inApp: false, email: true, sms: true });
    const id = await send('record_shared', 'Péter megosztott Önnel egy rekordot');
    await t.ctx.worker.drain();
    await t.ctx.worker.drain();

    // not in the bell, not counted as unread
    const list = (await call(user, 'GET', '/notifications')).json().data.map((n: { title: string }) => n.title);
    expect(list).toContain('Ana a partajat o înregistrare');
    expect(list).not.toContain('Péter megosztott Önnel egy rekordot');
    const mails = await t.ctx.db.selectFrom('mailMessage').select(['toAddress', 'textBody']).where('subject', '=', 'Péter megosztott Önnel egy rekordot').execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(user.email);
    expect(mails[0]!.textBody).toContain('http://localhost:3000/r/partners');
    const sms = await t.ctx.db.selectFrom('smsMessage').selectAll().where('notificationId', '=', id).execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ toPhone: '+36301234567', status: 'sent', gateway: 'log' });
    expect(sms[0]!.body).toContain('Péter megosztott Önnel egy rekordot');

    // administrators see what went to the gateway; members do not
    const log = await call(admin, 'GET', '/sms-messages');
    expect(log.json().data.map((m: { id: string }) => m.id)).toContain(sms[0]!.id);
    expect((await call(user, 'GET', '/sms-messages')).statusCode).toBe(403);
    expect((await call(other, 'GET', '/sms-messages')).json().data).toEqual([]);
  });

  it('refuses unknown kinds and keeps each user to their own choices', async () => {
    const bad = await call(user, 'PUT', '/me/notification-preferences', { data: [{ kind: 'no_such_kind', inApp: true, email: false, sms: false }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'data.0.kind', message: 'Unknown kind no_such_kind' }]);
    const wrongType = await call(user, 'PUT', '/me/notification-preferences', { data: [{ kind: 'record_shared', inApp: 'yes', email: false, sms: false }] });
    expect(wrongType.statusCode).toBe(400);
    const adminPrefs = (await call(admin, 'GET', '/me/notification-preferences')).json().data.find((p: { kind: string }) => p.kind === 'record_shared');
    expect(adminPrefs).toMatchObject({ inApp: true, email: false, sms: false });
  });

  it('normalises phone numbers and logs messages without the whole number', async () => {
    expect(normalizePhone('+40 (744) 123-456')).toBe('+40744123456');
    expect(normalizePhone('call me')).toBeNull();
    const lines: string[] = [];
    const result = await new LoggingSmsGateway((l) => lines.push(l)).send({ to: '+380501234567', text: 'Нагадування' });
    expect(result.id).toMatch(/^log-/);
    expect(lines[0]).toContain('+380…');
    expect(lines[0]).not.toContain('501234567');
  });
});
