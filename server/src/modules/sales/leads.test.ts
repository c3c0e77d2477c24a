import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let ana: SignedIn;
let bogdan: SignedIn;
let cristi: SignedIn;
let other: SignedIn;
const rights = { partners: { read: 'own', create: 'own', update: 'own' }, sales: { read: 'own', create: 'own', update: 'own' }, marketing: { read: 'all' } } as const;

type Method = 'GET' | 'POST' | 'PUT';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  ana = await addUser(t, admin.workspaceId, { grants: rights, name: 'Ana' });
  bogdan = await addUser(t, admin.workspaceId, { grants: rights, name: 'Bogdan' });
  cristi = await addUser(t, admin.workspaceId, { grants: rights, name: 'Cristi' });
  other = await setupWorkspace(t);
});
afterAll(() => t.close());

const leads = async (n: number, prefix: string) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await call(admin, 'POST', '/partners', { name: `${prefix} ${i + 1}`, status: 'lead', leadSource: 'trade fair' })).json().id);
  return ids;
};
const owners = async (ids: string[]) =>
  (await t.ctx.db.selectFrom('partner').select(['id', 'ownerId']).where('id', 'in', ids).execute()).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((p) => p.ownerId);

describe(`leads (${testDatabaseKind})`, () => {
  it('assigns leads in turn among a group, continuing where the last round stopped, and tells each salesperson', async () => {
    const group = (await call(admin, 'POST', '/groups', { name: 'Vânzări teren' })).json().id;
    expect((await call(admin, 'PUT', `/groups/${group}/members`, { userIds: [bogdan.userId, ana.userId, cristi.userId] })).statusCode).toBe(200);
    const first = await leads(4, 'Lead A');
    const res = await call(admin, 'POST', '/leads/assign', { partnerIds: first, mode: 'roundRobin', groupId: group });
    expect(res.statusCode, res.body).toBe(200);
    // members in name order: Ana, Bogdan, Cristi, then Ana again
    expect(await owners(first)).toEqual([ana.userId, bogdan.userId, cristi.userId, ana.userId]);
    const second = await leads(2, 'Lead B');
    await call(admin, 'POST', '/leads/assign', { partnerIds: second, mode: 'roundRobin', groupId: group });
    expect(await owners(second)).toEqual([bogdan.userId, cristi.userId]);
    // each new owner sees their leads and got one notification
    expect((await call(bogdan, 'GET', '/partners?filter=' + encodeURIComponent(JSON.stringify({ field: 'status', op: 'eq', value: 'lead' })))).json().data).toHaveLength(2);
    const told = await t.ctx.db.selectFrom('notification').select(['title']).where('userId', '=', ana.userId).where('kind', '=', 'lead_assigned').execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('2 leads');
  });

  it('assigns manually and refuses empty groups, single-person rotations and strangers, writing nothing', async () => {
    const [lead] = await leads(1, 'Lead C');
    expect((await call(admin, 'POST', '/leads/assign', { partnerIds: [lead], mode: 'manual', userId: cristi.userId })).statusCode).toBe(200);
    expect(await owners([lead!])).toEqual([cristi.userId]);
    const empty = (await call(admin, 'POST', '/groups', { name: 'Goală' })).json().id;
    const noOne = await call(admin, 'POST', '/leads/assign', { partnerIds: [lead], mode: 'roundRobin', groupId: empty });
    expect(noOne.statusCode).toBe(400);
    expect(noOne.json().errors).toEqual([{ path: 'groupId', message: 'validation.emptyGroup' }]);
    expect((await call(admin, 'POST', '/leads/assign', { partnerIds: [lead], mode: 'roundRobin', userIds: [ana.userId] })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/leads/assign', { partnerIds: [lead], mode: 'manual', userId: other.userId })).statusCode).toBe(400);
    expect(await owners([lead!])).toEqual([cristi.userId]);
    // a salesperson cannot hand out leads that are not theirs
    expect((await call(ana, 'POST', '/leads/assign', { partnerIds: [lead], mode: 'manual', userId: ana.userId })).statusCode).toBe(404);
  });

  it('converts a lead into a prospect with its first opportunity in one step, carrying campaign and source', async () => {
    const campaign = (await call(admin, 'POST', '/campaigns', { name: 'Târgul Construct 2026', startsOn: '2026-10-01', endsOn: '2026-10-05' })).json().id;
    expect((await call(admin, 'POST', '/campaigns', { name: 'Înapoi', startsOn: '2026-10-05', endsOn: '2026-10-01' })).json().errors).toEqual([{ path: 'endsOn', message: 'validation.endBeforeStart' }]);
    const lead = (await call(ana, 'POST', '/partners', { name: 'Făgăraș Construct SRL', status: 'lead', leadSource: 'trade fair', campaignId: campaign })).json();
    const res = await call(ana, 'POST', `/leads/${lead.id}/convert`, { amount: '45000.00', currency: 'RON', expectedClose: '2027-02-28' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().partner).toMatchObject({ status: 'prospect' });
    expect(res.json().opportunity).toMatchObject({ name: 'Făgăraș Construct SRL', partnerId: lead.id, amount: '45000.00', campaignId: campaign, source: 'trade fair', ownerId: ana.userId });
    // twice is refused and changes nothing
    const again = await call(ana, 'POST', `/leads/${lead.id}/convert`, {});
    expect(again.statusCode).toBe(422);
    expect((await call(ana, 'GET', `/opportunities?filter=${encodeURIComponent(JSON.stringify({ field: 'partnerId', op: 'eq', value: lead.id }))}`)).json().data).toHaveLength(1);
    // its history shows the conversion
    const history = (await call(ana, 'GET', `/partners/${lead.id}/history`)).json().data;
    expect(history.map((h: { action: string }) => h.action)).toContain('converted');
  });

  it('links competitors to leads and opportunities', async () => {
    const c1 = (await call(admin, 'POST', '/competitors', { name: 'Concurent Alfa SRL', website: 'https://alfa.example' })).json().id;
    const c2 = (await call(admin, 'POST', '/competitors', { name: 'Beta Kft.' })).json().id;
    const lead = (await call(ana, 'POST', '/partners', { name: 'Lead cu concurență', status: 'lead' })).json().id;
    const set = await call(ana, 'PUT', `/partners/${lead}/competitors`, { competitorIds: [c2, c1, c1] });
    expect(set.json().data.map((c: { name: string }) => c.name)).toEqual(['Beta Kft.', 'Concurent Alfa SRL']);
    const opp = (await call(ana, 'POST', '/opportunities', { name: 'Cu concurență' })).json().id;
    expect((await call(ana, 'PUT', `/opportunities/${opp}/competitors`, { competitorIds: [c1] })).json().data).toHaveLength(1);
    const foreign = (await call(other, 'POST', '/competitors', { name: 'Străin' })).json().id;
    expect((await call(ana, 'PUT', `/opportunities/${opp}/competitors`, { competitorIds: [foreign] })).statusCode).toBe(400);
    expect((await call(ana, 'GET', `/opportunities/${opp}/competitors`)).json().data.map((c: { name: string }) => c.name)).toEqual(['Concurent Alfa SRL']);
    expect((await call(bogdan, 'GET', `/opportunities/${opp}/competitors`)).statusCode).toBe(404);
  });

  it('shows a rotation in turn order and who gets the next lead, whatever order its people were picked in', async () => {
    const before = await call(admin, 'GET', `/leads/rotation?userIds=${cristi.userId},${ana.userId}`);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().members.map((m: { name: string }) => m.name)).toEqual(['Ana', 'Cristi']);
    expect(before.json()).toMatchObject({ lastUserId: null, nextUserId: ana.userId });
    const held = (name: string, body: { members: { name: string; leads: number }[] }) => body.members.find((m) => m.name === name)!.leads;
    const ids = await leads(3, 'Lead R');
    expect((await call(admin, 'POST', '/leads/assign', { partnerIds: ids, mode: 'roundRobin', userIds: [ana.userId, cristi.userId] })).statusCode).toBe(200);
    expect(await owners(ids)).toEqual([ana.userId, cristi.userId, ana.userId]);
    const after = (await call(admin, 'GET', `/leads/rotation?userIds=${cristi.userId},${ana.userId}`)).json();
    expect(after).toMatchObject({ lastUserId: ana.userId, nextUserId: cristi.userId });
    expect(held('Ana', after)).toBe(held('Ana', before.json()) + 2);
    expect(held('Cristi', after)).toBe(held('Cristi', before.json()) + 1);
    // picked the other way round, the same rotation continues with Cristi
    const [next] = await leads(1, 'Lead S');
    await call(admin, 'POST', '/leads/assign', { partnerIds: [next], mode: 'roundRobin', userIds: [cristi.userId, ana.userId] });
    expect(await owners([next!])).toEqual([cristi.userId]);
    // a salesperson sees only the leads they may read in the counts
    const seen = (await call(ana, 'GET', `/leads/rotation?userIds=${cristi.userId},${ana.userId}`)).json();
    expect(held('Cristi', seen)).toBe(0);
    expect((await call(admin, 'GET', `/leads/rotation?userIds=${ana.userId}`)).json().errors).toEqual([{ path: 'userIds', message: 'validation.rotationTooSmall' }]);
    expect((await call(admin, 'GET', `/leads/rotation?userIds=${ana.userId},${other.userId}`)).json().errors).toEqual([{ path: 'userIds', message: 'validation.noSuchUser' }]);
    const reader = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'all' } }, name: 'Doar citire' });
    expect((await call(reader, 'GET', `/leads/rotation?userIds=${cristi.userId},${ana.userId}`)).statusCode).toBe(403);
    expect((await call(reader, 'POST', '/leads/assign', { partnerIds: [next], mode: 'roundRobin', userIds: [ana.userId, cristi.userId] })).statusCode).toBe(403);
  });
});
