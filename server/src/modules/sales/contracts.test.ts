import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { fireDueReminders } from '../activities/reminders.service.ts';
import { contractsDaily } from './contracts.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let other: SignedIn;
let partnerId: string;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type Method = 'GET' | 'POST' | 'PATCH';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: { sales: { read: 'own', create: 'own', update: 'own' }, partners: { read: 'all' } }, name: 'Radu' });
  other = await setupWorkspace(t);
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Bucovina Logistic SA' })).json().id;
});
afterAll(() => t.close());

describe(`contracts (${testDatabaseKind})`, () => {
  it('registers contracts numbered by series, with validity and renewal checked', async () => {
    const res = await call(rep, 'POST', '/contracts', { title: 'Contract-cadru transport', partnerId, contractGroup: 'Transport', value: '120000.00', currency: 'RON', startsOn: day(-300), endsOn: day(20), renewal: 'manual' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ number: expect.stringMatching(/^CTR-\d{4}-0001$/), status: 'active', noticeDays: 30 });
    expect(res.json()).not.toHaveProperty('remindedFor');
    const backwards = await call(rep, 'POST', '/contracts', { title: 'X', partnerId, startsOn: day(10), endsOn: day(1) });
    expect(backwards.json().errors).toEqual([{ path: 'endsOn', message: 'validation.endBeforeStart' }]);
    const noPeriod = await call(rep, 'POST', '/contracts', { title: 'X', partnerId, startsOn: day(0), endsOn: day(30), renewal: 'automatic' });
    expect(noPeriod.json().errors).toEqual([{ path: 'renewalMonths', message: 'validation.required' }]);
    expect((await call(rep, 'POST', '/contracts', { title: 'Dublu', number: res.json().number, partnerId, startsOn: day(0) })).statusCode).toBe(409);
    expect((await call(other, 'GET', `/contracts/${res.json().id}`)).statusCode).toBe(404);
  });

  it('reminds the owner once (an activities reminder) when a contract enters its notice period, again after its end moves; renews or expires past the end', async () => {
    const contract = (await call(rep, 'GET', '/contracts')).json().data[0];
    const auto = (await call(rep, 'POST', '/contracts', { title: 'Mentenanță anuală', partnerId, startsOn: day(-400), endsOn: day(10), renewal: 'automatic', renewalMonths: 12 })).json();
    const old = (await call(rep, 'POST', '/contracts', { title: 'Închiriere veche', partnerId, startsOn: day(-400), endsOn: day(5), renewal: 'none', noticeDays: 0 })).json();
    expect(await contractsDaily(t.ctx.db)).toEqual({ reminded: 1, renewed: 0, expired: 0 });
    expect(await contractsDaily(t.ctx.db)).toEqual({ reminded: 0, renewed: 0, expired: 0 });
    // the daily job schedules; the reminder scan fires it, once
    expect(await fireDueReminders(t.ctx.db)).toEqual({ fired: 1, skipped: 0 });
    expect(await fireDueReminders(t.ctx.db)).toEqual({ fired: 0, skipped: 0 });
    // even if the job forgot it reminded (its own mark cleared), the end date is reminded of once
    await t.ctx.db.updateTable('contract').set({ remindedFor: null }).where('id', '=', contract.id).execute();
    expect((await contractsDaily(t.ctx.db)).reminded).toBe(0);
    expect((await fireDueReminders(t.ctx.db)).fired).toBe(0);
    const reminder = await t.ctx.db.selectFrom('reminder').select(['kind', 'status', 'endsOn', 'userId']).where('contractId', '=', contract.id).execute();
    expect(reminder).toEqual([{ kind: 'contract', status: 'sent', endsOn: expect.anything(), userId: rep.userId }]);
    const told = await t.ctx.db.selectFrom('notification').select(['title', 'link']).where('userId', '=', rep.userId).where('kind', '=', 'contract_expiring').execute();
    expect(told).toEqual([{ title: `Contract "Contract-cadru transport" with Bucovina Logistic SA ends on ${day(20)}`, link: `/r/contracts/${contract.id}` }]);
    // a new end date is reminded of again
    await call(rep, 'PATCH', `/contracts/${contract.id}`, { endsOn: day(25), version: contract.version });
    expect((await contractsDaily(t.ctx.db)).reminded).toBe(1);
    expect((await fireDueReminders(t.ctx.db)).fired).toBe(1);
    expect(await t.ctx.db.selectFrom('notification').select('title').where('userId', '=', rep.userId).where('kind', '=', 'contract_expiring').execute()).toHaveLength(2);
    // past their end: the automatic one gets another year, the other expires
    await t.ctx.db.updateTable('contract').set({ endsOn: day(-1) }).where('id', 'in', [auto.id, old.id]).execute();
    expect(await contractsDaily(t.ctx.db)).toMatchObject({ renewed: 1, expired: 1 });
    const renewed = (await call(rep, 'GET', `/contracts/${auto.id}`)).json();
    expect(renewed.endsOn > day(300)).toBe(true);
    expect((await call(rep, 'GET', `/contracts/${old.id}`)).json().status).toBe('expired');
    const history = (await call(rep, 'GET', `/contracts/${auto.id}/history`)).json().data;
    expect(history.map((h: { action: string }) => h.action)).toContain('renewed');
  });
});
