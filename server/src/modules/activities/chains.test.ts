import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { addDays } from './chains.service.ts';

let t: TestApp;
let admin: SignedIn;
let anna: SignedIn;
let bela: SignedIn;
let other: SignedIn;
let partnerId: string;
let templateId: string;

const own = { activities: { read: 'own', create: 'own', update: 'own', delete: 'own' }, partners: { read: 'all' } } as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const chainTasks = async (chainId: string) =>
  t.ctx.db.selectFrom('task').select(['id', 'title', 'chainStep', 'assigneeId', 'dueAt', 'completedAt', 'partnerId', 'version'])
    .where('chainId', '=', chainId).orderBy('chainStep').execute();
const templateCount = async () => (await t.ctx.db.selectFrom('taskChainTemplate').select('id').where('workspaceId', '=', admin.workspaceId).execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  anna = await addUser(t, admin.workspaceId, { grants: own, name: 'Anna Nowak' });
  bela = await addUser(t, admin.workspaceId, { grants: own, name: 'Béla Kiss' });
  other = await setupWorkspace(t);
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Kraków Trans' })).json().id;
});
afterAll(() => t.close());

describe(`task chain templates (${testDatabaseKind})`, () => {
  it('refuses an empty template, a negative offset, "the previous assignee" on the first step and unknown people, writing nothing', async () => {
    const step = { title: 'Sună clientul', type: 'call', assignee: 'author', offsetDays: 1 };
    const empty = await call(admin, 'POST', '/task-chain-templates', { name: 'Gol', steps: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ path: 'steps', message: 'validation.chainEmpty' }]);
    const missing = await call(admin, 'POST', '/task-chain-templates', { name: 'Fără pași' });
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['steps']);
    const negative = await call(admin, 'POST', '/task-chain-templates', { name: 'X', steps: [{ ...step, offsetDays: -2 }] });
    expect(negative.json().errors).toEqual([{ path: 'steps.0.offsetDays', message: 'validation.notNegative' }]);
    const previous = await call(admin, 'POST', '/task-chain-templates', { name: 'X', steps: [{ ...step, assignee: 'previous' }] });
    expect(previous.statusCode).toBe(400);
    expect(previous.json().errors).toEqual([{ path: 'steps.0.assignee', message: 'validation.noPreviousStep' }]);
    const stranger = await call(admin, 'POST', '/task-chain-templates', {
      name: 'X',
      steps: [step, { ...step, assignee: 'user', assigneeId: other.userId }, { ...step, assignee: 'user' }],
    });
    expect(stranger.json().errors).toEqual([
      { path: 'steps.1.assigneeId', message: 'validation.noSuchUser' },
      { path: 'steps.2.assigneeId', message: 'validation.required' },
    ]);
    // members read templates, only administrators keep them
    expect((await call(anna, 'POST', '/task-chain-templates', { name: 'X', steps: [step] })).statusCode).toBe(403);
    expect(await templateCount()).toBe(0);
  });

  it('keeps a valid template; every member reads it, another workspace does not', async () => {
    const res = await call(admin, 'POST', '/task-chain-templates', {
      name: 'Ofertare',
      steps: [
        { title: 'Primul apel', type: 'call', assignee: 'author', offsetDays: 1 },
        { title: 'Trimite oferta', type: 'offer', assignee: 'user', assigneeId: bela.userId, offsetDays: 2 },
        { title: 'Urmărire', type: 'follow_up', assignee: 'previous', offsetDays: 3, workingDays: true, assigneeId: anna.userId },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    templateId = res.json().id;
    // a person named on a step whose rule is not "a user" is dropped
    expect(res.json().steps[2]).not.toHaveProperty('assigneeId');
    expect(res.json().active).toBe(true);
    expect((await call(anna, 'GET', `/task-chain-templates/${templateId}`)).statusCode).toBe(200);
    expect((await call(other, 'GET', `/task-chain-templates/${templateId}`)).statusCode).toBe(404);
    // the screens edit the steps as a table: a person picker for "a user", a switch for working days
    const meta = (await call(admin, 'GET', '/meta')).json();
    const steps = meta.entities.find((e: { name: string }) => e.name === 'taskChainTemplate').fields.find((f: { name: string }) => f.name === 'steps');
    expect(steps.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'assigneeId', type: 'reference', reference: 'user', required: false }),
      expect.objectContaining({ name: 'workingDays', type: 'boolean' }),
      expect.objectContaining({ name: 'assignee', type: 'enum', values: ['user', 'previous', 'author'], required: true }),
    ]));
    // an edit is checked as well
    const bad = await call(admin, 'PATCH', `/task-chain-templates/${templateId}`, { steps: [{ title: 'x', type: 'call', assignee: 'previous', offsetDays: 0 }], version: res.json().version });
    expect(bad.statusCode).toBe(400);
    expect((await call(admin, 'GET', `/task-chain-templates/${templateId}`)).json().steps).toHaveLength(3);
  });
});

describe(`task chains (${testDatabaseKind})`, () => {
  it('starts on a partner with the first task; completing a step creates the next one once; the last completes the chain', async () => {
    const nowhere = await call(anna, 'POST', '/task-chains', { templateId });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors).toEqual([{ path: 'partnerId', message: 'validation.chainNeedsRecord' }]);
    expect((await call(anna, 'POST', '/task-chains', { templateId: partnerId, partnerId })).statusCode).toBe(400);
    const started = Date.now();
    const res = await call(anna, 'POST', '/task-chains', { templateId, partnerId });
    expect(res.statusCode, res.body).toBe(201);
    const chain = res.json();
    expect(chain).toMatchObject({ name: 'Ofertare', status: 'running', currentStep: 1, stepCount: 3, partnerId });
    let tasks = await chainTasks(chain.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Primul apel', chainStep: 1, assigneeId: anna.userId, partnerId });
    const due1 = tasks[0]!.dueAt!.getTime() - started;
    expect(due1 >= 86_400_000 - 60_000 && due1 <= 86_400_000 + 60_000).toBe(true);
    // the task shows its chain and step
    const first = (await call(anna, 'GET', `/tasks/${tasks[0]!.id}`)).json();
    expect(first).toMatchObject({ chainId: chain.id, chainStep: 1 });
    // a task's chain and step cannot be set by hand
    expect((await call(anna, 'POST', '/tasks', { title: 'x', chainId: chain.id, chainStep: 2 })).statusCode).toBe(400);

    // step 1 done → step 2 for Béla, two days after
    const done1 = (await call(anna, 'POST', `/tasks/${first.id}/complete`)).json();
    tasks = await chainTasks(chain.id);
    expect(tasks.map((x) => [x.chainStep, x.title, x.assigneeId])).toEqual([[1, 'Primul apel', anna.userId], [2, 'Trimite oferta', bela.userId]]);
    expect(tasks[1]!.dueAt!.getTime() - Date.parse(done1.completedAt)).toBe(2 * 86_400_000);
    // reopened and completed again: no second step 2
    const reopened = (await call(anna, 'POST', `/tasks/${first.id}/reopen`, { version: done1.version })).json();
    await call(anna, 'POST', `/tasks/${first.id}/complete`, { version: reopened.version });
    expect(await chainTasks(chain.id)).toHaveLength(2);
    expect((await call(anna, 'GET', `/task-chains/${chain.id}`)).json().currentStep).toBe(2);

    // step 2 done by Béla (who may not create chains' tasks for others) → step 3 for him (the previous assignee), working days
    const second = tasks[1]!;
    const done2 = await call(bela, 'POST', `/tasks/${second.id}/complete`);
    expect(done2.statusCode, done2.body).toBe(200);
    tasks = await chainTasks(chain.id);
    expect(tasks.map((x) => [x.chainStep, x.assigneeId])).toEqual([[1, anna.userId], [2, bela.userId], [3, bela.userId]]);
    const expected = addDays(new Date(done2.json().completedAt), 3, true, 'RO');
    expect(tasks[2]!.dueAt!.toISOString()).toBe(expected.toISOString());
    expect((await call(bela, 'POST', `/tasks/${tasks[2]!.id}/complete`)).statusCode).toBe(200);
    expect(await chainTasks(chain.id)).toHaveLength(3);
    expect((await call(anna, 'GET', `/task-chains/${chain.id}`)).json()).toMatchObject({ status: 'done', currentStep: 3 });
    // the chain's tasks by filter: its author follows every step (each is "from" them)
    const listed = await call(anna, 'GET', `/tasks?filter=${encodeURIComponent(JSON.stringify({ field: 'chainId', op: 'eq', value: chain.id }))}&sort=chainStep`);
    expect(listed.json().data.map((x: { chainStep: number; createdBy: string }) => [x.chainStep, x.createdBy])).toEqual([[1, anna.userId], [2, anna.userId], [3, anna.userId]]);
  });

  it('starts on an opportunity: its tasks are about the opportunity and its partner', async () => {
    const opportunity = await call(admin, 'POST', '/opportunities', { name: 'Flotă nouă', partnerId });
    expect(opportunity.statusCode, opportunity.body).toBe(201);
    const res = await call(admin, 'POST', '/task-chains', { templateId, opportunityId: opportunity.json().id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ opportunityId: opportunity.json().id, partnerId });
    const [first] = await t.ctx.db.selectFrom('task').select(['opportunityId', 'partnerId', 'assigneeId']).where('chainId', '=', res.json().id).execute();
    expect(first).toEqual({ opportunityId: opportunity.json().id, partnerId, assigneeId: admin.userId });
  });

  it('refuses an inactive template and a change of template', async () => {
    const tpl = (await call(admin, 'GET', `/task-chain-templates/${templateId}`)).json();
    const chain = (await call(anna, 'POST', '/task-chains', { templateId, partnerId })).json();
    const second = (await call(admin, 'POST', '/task-chain-templates', { name: 'Altul', steps: [{ title: 'a', type: 'other', assignee: 'author', offsetDays: 0 }] })).json();
    const change = await call(anna, 'PATCH', `/task-chains/${chain.id}`, { templateId: second.id, version: chain.version });
    expect(change.statusCode).toBe(422);
    await call(admin, 'PATCH', `/task-chain-templates/${templateId}`, { active: false, version: tpl.version });
    const inactive = await call(anna, 'POST', '/task-chains', { templateId, partnerId });
    expect(inactive.statusCode).toBe(422);
    expect(inactive.json().errors).toEqual([{ path: 'templateId', message: 'validation.templateInactive' }]);
  });

  it('counts working days past weekends and public holidays', () => {
    // Friday 27 November 2026 + 1 working day: Monday 30 Nov (St Andrew) and Tuesday 1 Dec (National Day) are RO holidays
    const friday = new Date('2026-11-27T09:00:00Z');
    expect(addDays(friday, 1, true, 'RO').toISOString()).toBe('2026-12-02T09:00:00.000Z');
    expect(addDays(friday, 1, true, 'PL').toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(addDays(friday, 1, false, 'RO').toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(addDays(friday, 0, true, 'RO').toISOString()).toBe(friday.toISOString());
  });
});
