import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let rep2: SignedIn;
let other: SignedIn;
let pipelineId: string;
let stages: { id: string; name: string; outcome: string; requiredFields: string[] }[];
let partnerId: string;
const sales = { sales: { read: 'own', create: 'own', update: 'own', delete: 'own' }, partners: { read: 'all' } } as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: sales, name: 'Radu Vânzări' });
  rep2 = await addUser(t, admin.workspaceId, { grants: sales, name: 'Paula Sprzedaż' });
  other = await setupWorkspace(t);
  const def = await call(rep, 'GET', '/pipelines/default');
  expect(def.statusCode, def.body).toBe(200);
  pipelineId = def.json().id;
  stages = def.json().stages;
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Oltenia Construct SRL' })).json().id;
});
afterAll(() => t.close());

const stage = (outcome: string, index = 0) => stages.filter((s) => s.outcome === outcome)[index]!;

describe(`opportunities and pipelines (${testDatabaseKind})`, () => {
  it('starts every workspace with the stages of the seed: 1 Presentation, 2 Offer, 3 Negotiation, 4 Sale, X Lost', async () => {
    expect(stages.map((s) => [s.name, s.outcome])).toEqual([
      ['1 Presentation', 'open'],
      ['2 Offer', 'open'],
      ['3 Negotiation', 'open'],
      ['4 Sale', 'won'],
      ['X Lost', 'lost'],
    ]);
    expect((await call(admin, 'GET', '/pipelines/default')).json().id).toBe(pipelineId);
  });

  it('creates an opportunity in the first stage of the default pipeline, in the workspace currency', async () => {
    const res = await call(rep, 'POST', '/opportunities', { name: 'Hală depozit Craiova', amount: '250000.00' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ pipelineId, stageId: stage('open').id, currency: 'EUR', ownerId: rep.userId, closedAt: null });
  });

  it('refuses a move that skips the fields the stage requires, naming them, and changes nothing', async () => {
    const opp = (await call(rep, 'POST', '/opportunities', { name: 'Acoperiș școală' })).json();
    const offer = stage('open', 1);
    const refused = await call(rep, 'POST', `/opportunities/${opp.id}/move`, { stageId: offer.id, version: opp.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ detail: 'The stage "2 Offer" needs: partnerId, amount', errors: [{ path: 'partnerId', message: 'validation.stageRequires' }, { path: 'amount', message: 'validation.stageRequires' }] });
    expect((await call(rep, 'GET', `/opportunities/${opp.id}`)).json()).toMatchObject({ stageId: stage('open').id, version: 1 });
    const foreignStage = await call(rep, 'POST', `/opportunities/${opp.id}/move`, { stageId: '00000000-0000-4000-8000-000000000000', version: 1 });
    expect(foreignStage.json().errors).toEqual([{ path: 'stageId', message: 'validation.stageNotInPipeline' }]);
  });

  it('moves through the stages keeping a history with time in each stage; winning closes it and lands on the partner timeline', async () => {
    let opp = (await call(rep, 'POST', '/opportunities', { name: 'Renovare sediu', partnerId, amount: '80000.50', currency: 'RON', expectedClose: '2027-01-31' })).json();
    for (const target of [stage('open', 1), stage('open', 2), stage('won')]) {
      const moved = await call(rep, 'POST', `/opportunities/${opp.id}/move`, { stageId: target.id, version: opp.version });
      expect(moved.statusCode, moved.body).toBe(200);
      opp = moved.json();
    }
    expect(opp.closedAt).not.toBeNull();
    const stale = await call(rep, 'POST', `/opportunities/${opp.id}/move`, { stageId: stage('lost').id, version: 1 });
    expect(stale.statusCode).toBe(409);
    const history = (await call(rep, 'GET', `/opportunities/${opp.id}/stage-history`)).json().data;
    expect(history.map((h: { stageName: string }) => h.stageName)).toEqual(['1 Presentation', '2 Offer', '3 Negotiation', '4 Sale']);
    expect(history.slice(0, 3).every((h: { leftAt: string | null; seconds: number }) => h.leftAt !== null && h.seconds >= 0)).toBe(true);
    expect(history[3].leftAt).toBeNull();
    // losing needs a reason
    const lost = (await call(rep, 'POST', '/opportunities', { name: 'Pierdută', partnerId })).json();
    const noReason = await call(rep, 'POST', `/opportunities/${lost.id}/move`, { stageId: stage('lost').id, version: lost.version });
    expect(noReason.json().errors).toEqual([{ path: 'lostReason', message: 'validation.stageRequires' }]);
    await t.ctx.worker.drain();
    const timeline = (await call(admin, 'GET', `/partners/${partnerId}/timeline`)).json().data;
    expect(timeline.some((e: { entity: string }) => e.entity === 'opportunity')).toBe(true);
  });

  it('shows a kanban board per stage with counts, amounts and only the opportunities the user may see', async () => {
    await call(rep2, 'POST', '/opportunities', { name: 'A colegului', amount: '10.00' });
    const board = await call(rep, 'GET', `/pipelines/${pipelineId}/board?perColumn=2`);
    expect(board.statusCode).toBe(200);
    const columns = board.json().data;
    expect(columns.map((c: { name: string }) => c.name)).toEqual(stages.map((s) => s.name));
    const first = columns[0];
    expect(first.count).toBe(first.items.length + (first.nextCursor ? 1 : 0));
    expect(columns.flatMap((c: { items: { name: string }[] }) => c.items.map((i) => i.name))).not.toContain('A colegului');
    expect(columns.find((c: { outcome: string }) => c.outcome === 'won').amounts).toEqual([{ currency: 'RON', amount: '80000.50' }]);
    const adminBoard = (await call(admin, 'GET', `/pipelines/${pipelineId}/board`)).json().data;
    expect(adminBoard.flatMap((c: { items: { name: string }[] }) => c.items.map((i) => i.name))).toContain('A colegului');
    // won and lost columns hold what closed lately (90 days unless asked): an old win leaves the board
    const won = adminBoard.find((c: { outcome: string }) => c.outcome === 'won');
    const wonItem = won.items[0] as { id: string };
    await t.ctx.db.updateTable('opportunity').set({ closedAt: new Date('2020-01-01T00:00:00Z') }).where('id', '=', wonItem.id).execute();
    const later = (await call(admin, 'GET', `/pipelines/${pipelineId}/board`)).json();
    expect(later.data.find((c: { outcome: string }) => c.outcome === 'won')).toMatchObject({ count: won.count - 1, items: won.items.slice(1) });
    const longer = (await call(admin, 'GET', `/pipelines/${pipelineId}/board?closedDays=3650`)).json().data;
    expect(longer.find((c: { outcome: string }) => c.outcome === 'won').count).toBe(won.count);
    const funnel = (await call(rep, 'GET', `/pipelines/${pipelineId}/funnel`)).json().data;
    expect(funnel.map((f: { reached: number }) => f.reached)).toEqual([4, 1, 1, 1, 0]);
  });

  it('lets administrators change the stages, not remove a stage in use, and keeps it to the workspace', async () => {
    const current = (await call(admin, 'GET', `/pipelines/${pipelineId}/stages`)).json().data;
    const body = (list: typeof current) => ({ stages: list.map(({ id, name, probability, outcome, requiredFields }: (typeof current)[number]) => ({ id, name, probability, outcome, requiredFields })) });
    expect((await call(rep, 'PUT', `/pipelines/${pipelineId}/stages`, body(current))).statusCode).toBe(403);
    const withoutFirst = await call(admin, 'PUT', `/pipelines/${pipelineId}/stages`, body(current.slice(1)));
    expect(withoutFirst.statusCode).toBe(409);
    expect(withoutFirst.json().detail).toMatch(/opportunities are in the stage "1 Presentation"/);
    const noLost = await call(admin, 'PUT', `/pipelines/${pipelineId}/stages`, body(current.filter((s: { outcome: string }) => s.outcome !== 'lost')));
    expect(noLost.json().errors).toEqual([{ path: 'stages', message: 'validation.pipeline.needs.lost' }]);
    const badField = await call(admin, 'PUT', `/pipelines/${pipelineId}/stages`, { stages: [...body(current).stages.slice(0, 4), { name: 'X', probability: 0, outcome: 'lost', requiredFields: ['ownerId'] }] });
    expect(badField.statusCode).toBe(400);
    const renamed = body(current);
    renamed.stages.splice(2, 0, { name: '2b Demo', probability: 45, outcome: 'open', requiredFields: ['partnerId'] });
    const ok = await call(admin, 'PUT', `/pipelines/${pipelineId}/stages`, renamed);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data.map((s: { name: string; position: number }) => [s.position, s.name])[2]).toEqual([2, '2b Demo']);
    // a new pipeline starts with the default stages
    const second = await call(admin, 'POST', '/pipelines', { name: 'Proiecte mari' });
    expect((await call(admin, 'GET', `/pipelines/${second.json().id}/stages`)).json().data).toHaveLength(5);
    expect((await call(other, 'GET', `/pipelines/${pipelineId}/stages`)).statusCode).toBe(404);
    expect((await call(other, 'GET', `/pipelines/${pipelineId}/board`)).statusCode).toBe(404);
  });
});
