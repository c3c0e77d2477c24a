import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { refreshTaskStatuses } from './task.service.ts';

let t: TestApp;
let admin: SignedIn;
let anna: SignedIn;
let bela: SignedIn;
let cezar: SignedIn;
let other: SignedIn;
let partnerId: string;
let contactId: string;
let groupId: string;
let emptyGroupId: string;

const own = { activities: { read: 'own', create: 'own', update: 'own', delete: 'own' }, partners: { read: 'all' } } as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const filtered = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const titles = (res: { json: () => { data: { title: string }[] } }) => res.json().data.map((x) => x.title).sort();

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  anna = await addUser(t, admin.workspaceId, { grants: own, name: 'Anna Nowak' });
  bela = await addUser(t, admin.workspaceId, { grants: own, name: 'Béla Kiss' });
  cezar = await addUser(t, admin.workspaceId, { grants: own, name: 'Cezar Pop' });
  other = await setupWorkspace(t);
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Łódź Logistyka' })).json().id;
  contactId = (await call(admin, 'POST', '/contacts', { firstName: 'Jan', lastName: 'Kowalski' })).json().id;
  await call(admin, 'PUT', `/partners/${partnerId}/contacts/${contactId}`, { role: 'CEO' });
  groupId = (await call(admin, 'POST', '/groups', { name: 'Vânzări' })).json().id;
  emptyGroupId = (await call(admin, 'POST', '/groups', { name: 'Goală' })).json().id;
  await t.ctx.db.insertInto('userGroupMember').values([
    { workspaceId: admin.workspaceId, groupId, userId: bela.userId },
    { workspaceId: admin.workspaceId, groupId, userId: cezar.userId },
  ]).execute();
});
afterAll(() => t.close());

describe(`tasks (${testDatabaseKind})`, () => {
  it('computes the status: open, in progress once started, overdue after the deadline, done when completed', async () => {
    const open = await call(anna, 'POST', '/tasks', { title: 'Pregătește oferta', type: 'offer', startsAt: hours(2), dueAt: hours(24), partnerId, contactId });
    expect(open.statusCode, open.body).toBe(201);
    expect(open.json()).toMatchObject({ status: 'open', assigneeId: anna.userId, createdBy: anna.userId, priority: 'normal', partnerId, contactId });
    const started = await call(anna, 'POST', '/tasks', { title: 'Sună clientul', type: 'call', startsAt: hours(-1), dueAt: hours(5) });
    expect(started.json().status).toBe('in_progress');
    const late = await call(anna, 'POST', '/tasks', { title: 'Trimite contractul', dueAt: hours(-3), priority: 'high' });
    expect(late.json().status).toBe('overdue');
    const done = await call(anna, 'POST', '/tasks', { title: 'Deja făcut', dueAt: hours(-3), completedAt: hours(-4) });
    expect(done.json().status).toBe('done');
    const overdue = await call(anna, 'GET', `/tasks?${filtered({ field: 'status', op: 'eq', value: 'overdue' })}`);
    expect(titles(overdue)).toEqual(['Trimite contractul']);
    // moving the deadline recomputes it
    const row = late.json();
    const later = await call(anna, 'PATCH', `/tasks/${row.id}`, { dueAt: hours(48), version: row.version });
    expect(later.json().status).toBe('open');
  });

  it('moves tasks on as their start and deadline come (the every-minute job), without a new version', async () => {
    const task = (await call(anna, 'POST', '/tasks', { title: 'Termen apropiat', startsAt: hours(1), dueAt: hours(2) })).json();
    expect(task.status).toBe('open');
    await sql`update task set starts_at = now() - interval '1 minute' where id = ${task.id}`.execute(t.ctx.db);
    expect(await refreshTaskStatuses(t.ctx.db)).toBeGreaterThanOrEqual(1);
    expect((await call(anna, 'GET', `/tasks/${task.id}`)).json()).toMatchObject({ status: 'in_progress', version: task.version });
    await sql`update task set due_at = now() - interval '1 second' where id = ${task.id}`.execute(t.ctx.db);
    await refreshTaskStatuses(t.ctx.db);
    expect((await call(anna, 'GET', `/tasks/${task.id}`)).json().status).toBe('overdue');
    // the job is registered and runs from the worker's schedule
    await sql`update task set due_at = now() - interval '1 second', starts_at = null, status = 'open' where id = ${task.id}`.execute(t.ctx.db);
    await sql`update job_schedule set next_run_at = now() - interval '1 second' where name = 'tasks-status'`.execute(t.ctx.db);
    await t.ctx.worker.drain();
    expect((await call(anna, 'GET', `/tasks/${task.id}`)).json().status).toBe('overdue');
  });

  it('completes and reopens a task', async () => {
    const task = (await call(anna, 'POST', '/tasks', { title: 'De terminat', dueAt: hours(-1) })).json();
    expect(task.status).toBe('overdue');
    const completed = await call(anna, 'POST', `/tasks/${task.id}/complete`);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json().status).toBe('done');
    expect(completed.json().completedAt).not.toBeNull();
    const twice = await call(anna, 'POST', `/tasks/${task.id}/complete`);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([{ path: 'completedAt', message: 'validation.taskAlreadyDone' }]);
    // a stale version is a conflict
    expect((await call(anna, 'POST', `/tasks/${task.id}/reopen`, { version: task.version })).statusCode).toBe(409);
    const reopened = await call(anna, 'POST', `/tasks/${task.id}/reopen`, { version: completed.json().version });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'overdue', completedAt: null });
    expect((await call(bela, 'POST', `/tasks/${task.id}/complete`)).statusCode).toBe(404);
  });

  it('refuses a deadline before the start and a contact not of the partner, naming the field, writing nothing', async () => {
    const before = (await call(admin, 'GET', '/tasks?limit=500')).json().data.length;
    const backwards = await call(anna, 'POST', '/tasks', { title: 'x', startsAt: hours(5), dueAt: hours(1) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ path: 'dueAt', message: 'validation.dueBeforeStart' }]);
    const stranger = (await call(admin, 'POST', '/contacts', { lastName: 'Străin' })).json().id;
    const wrong = await call(anna, 'POST', '/tasks', { title: 'x', partnerId, contactId: stranger });
    expect(wrong.json().errors).toEqual([{ path: 'contactId', message: 'validation.contactNotOfPartner' }]);
    const noTitle = await call(anna, 'POST', '/tasks', { priority: 'urgent' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['priority', 'title']);
    expect((await call(anna, 'POST', '/tasks', { title: 'x', status: 'done' })).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/tasks?limit=500')).json().data.length).toBe(before);
  });

  it('lists tasks for me and from me', async () => {
    await call(anna, 'POST', '/tasks', { title: 'Pentru Béla', assigneeId: bela.userId, dueAt: hours(10) });
    await call(bela, 'POST', '/tasks', { title: 'Pentru Anna', assigneeId: anna.userId, dueAt: hours(10) });
    const forAnna = await call(anna, 'GET', '/tasks/for-me?limit=500');
    expect(forAnna.statusCode).toBe(200);
    expect(forAnna.json().data.every((x: { assigneeId: string }) => x.assigneeId === anna.userId)).toBe(true);
    expect(titles(forAnna)).toContain('Pentru Anna');
    expect(titles(forAnna)).not.toContain('Pentru Béla');
    expect(titles(await call(anna, 'GET', '/tasks/from-me'))).toEqual(['Pentru Béla']);
    expect(titles(await call(bela, 'GET', '/tasks/for-me'))).toEqual(['Pentru Béla']);
    // the assignee and the author may both read and change it; nobody else with own scope
    const forBela = (await call(bela, 'GET', '/tasks/for-me')).json().data[0];
    expect((await call(bela, 'PATCH', `/tasks/${forBela.id}`, { priority: 'high', version: forBela.version })).statusCode).toBe(200);
    expect((await call(cezar, 'GET', `/tasks/${forBela.id}`)).statusCode).toBe(404);
    // further filters and keyset pages work as on the list
    const overdue = await call(anna, 'GET', `/tasks/for-me?${filtered({ field: 'status', op: 'eq', value: 'overdue' })}`);
    expect(overdue.json().data.every((x: { status: string }) => x.status === 'overdue')).toBe(true);
    const page = (await call(anna, 'GET', '/tasks/for-me?limit=2')).json();
    expect(page.nextCursor).not.toBeNull();
    const next = (await call(anna, 'GET', `/tasks/for-me?limit=500&cursor=${encodeURIComponent(page.nextCursor)}`)).json();
    expect(page.data.length + next.data.length).toBe(forAnna.json().data.length);
    // the assignee hears of it
    const notes = await t.ctx.db.selectFrom('notification').select(['kind', 'title']).where('userId', '=', bela.userId).execute();
    expect(notes).toContainEqual({ kind: 'task_assigned', title: 'Anna Nowak: Pentru Béla' });
  });

  it('dispatches one task to people and groups: one copy per distinct person, one transaction, one dispatch id', async () => {
    const res = await call(anna, 'POST', '/tasks/dispatch', {
      title: 'Raport lunar',
      type: 'follow_up',
      dueAt: hours(72),
      partnerId,
      assigneeIds: [bela.userId, anna.userId, bela.userId],
      groupIds: [groupId],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { dispatchId, data } = res.json();
    expect(data.map((x: { assigneeId: string }) => x.assigneeId).sort()).toEqual([anna.userId, bela.userId, cezar.userId].sort());
    expect(new Set(data.map((x: { dispatchId: string }) => x.dispatchId))).toEqual(new Set([dispatchId]));
    const copies = await call(anna, 'GET', `/tasks?${filtered({ field: 'dispatchId', op: 'eq', value: dispatchId })}`);
    expect(copies.json().data).toHaveLength(3);
    expect((await call(cezar, 'GET', `/tasks?${filtered({ field: 'dispatchId', op: 'eq', value: dispatchId })}`)).json().data).toHaveLength(1);
  });

  it('refuses a dispatch to nobody, to an empty group or with a bad field, writing nothing', async () => {
    const count = async () => (await call(admin, 'GET', '/tasks?limit=500')).json().data.length;
    const before = await count();
    const nobody = await call(anna, 'POST', '/tasks/dispatch', { title: 'x', assigneeIds: [], groupIds: [] });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().errors).toEqual([{ path: 'assigneeIds', message: 'validation.noAssignees' }]);
    const empty = await call(anna, 'POST', '/tasks/dispatch', { title: 'x', assigneeIds: [bela.userId], groupIds: [emptyGroupId] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ path: 'groupIds', message: 'validation.emptyGroup' }]);
    const foreignUser = await call(anna, 'POST', '/tasks/dispatch', { title: 'x', assigneeIds: [other.userId] });
    expect(foreignUser.json().errors[0].path).toBe('assigneeIds');
    // the last copy fails its validation: the earlier ones are rolled back with it
    const bad = await call(anna, 'POST', '/tasks/dispatch', { title: 'x', startsAt: hours(3), dueAt: hours(1), assigneeIds: [bela.userId, cezar.userId] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'dueAt', message: 'validation.dueBeforeStart' }]);
    const unknown = await call(anna, 'POST', '/tasks/dispatch', { title: 'x', colour: 'red', assigneeIds: [bela.userId] });
    expect(unknown.statusCode).toBe(400);
    expect(await count()).toBe(before);
    expect((await call(other, 'POST', '/tasks/dispatch', { title: 'x', groupIds: [groupId] })).json().errors[0].path).toBe('groupIds');
  });

  it('lets assignees reply; the author sees the replies on every copy of a dispatch', async () => {
    const { dispatchId, data } = (await call(anna, 'POST', '/tasks/dispatch', { title: 'Întrebare', assigneeIds: [bela.userId, cezar.userId] })).json();
    const belaCopy = data.find((x: { assigneeId: string }) => x.assigneeId === bela.userId);
    const cezarCopy = data.find((x: { assigneeId: string }) => x.assigneeId === cezar.userId);
    const reply = await call(bela, 'POST', `/tasks/${belaCopy.id}/comments`, { body: '  Gata <b>mâine</b>\u0007  ' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ body: 'Gata <b>mâine</b>', authorName: 'Béla Kiss' });
    await call(cezar, 'POST', `/tasks/${cezarCopy.id}/comments`, { body: 'Am nevoie de date' });
    expect((await call(cezar, 'POST', `/tasks/${belaCopy.id}/comments`, { body: 'x' })).statusCode).toBe(404);
    expect((await call(bela, 'POST', `/tasks/${belaCopy.id}/comments`, { body: '   ' })).statusCode).toBe(400);
    const onCopy = await call(anna, 'GET', `/tasks/${belaCopy.id}/comments`);
    expect(onCopy.json().data.map((c: { body: string }) => c.body)).toEqual(['Gata <b>mâine</b>']);
    const all = await call(anna, 'GET', `/tasks/dispatches/${dispatchId}/comments`);
    expect(all.json().data.map((c: { body: string; assigneeId: string }) => [c.assigneeId, c.body])).toEqual([
      [bela.userId, 'Gata <b>mâine</b>'],
      [cezar.userId, 'Am nevoie de date'],
    ]);
    // each assignee sees only the replies on their own copy
    expect((await call(bela, 'GET', `/tasks/dispatches/${dispatchId}/comments`)).json().data).toHaveLength(1);
    const heard = await t.ctx.db.selectFrom('notification').select('kind').where('userId', '=', anna.userId).where('kind', '=', 'task_comment').execute();
    expect(heard).toHaveLength(2);
  });

  it('puts tasks with a partner and their replies on the partner timeline', async () => {
    const task = (await call(anna, 'POST', '/tasks', { title: 'Vizită la Łódź', partnerId })).json();
    await call(anna, 'POST', `/tasks/${task.id}/comments`, { body: 'Confirmat' });
    await t.ctx.worker.drain();
    const timeline = (await call(admin, 'GET', `/partners/${partnerId}/timeline?limit=200`)).json().data as { type: string; recordId: string; payload: { title?: string } }[];
    const mine = timeline.filter((e) => e.recordId === task.id);
    expect(mine.map((e) => e.type)).toEqual(['task.commented', 'task.created']);
    expect(mine[1]!.payload.title).toBe('Vizită la Łódź');
  });

  it('keeps workspaces apart', async () => {
    const task = (await call(admin, 'GET', '/tasks')).json().data[0];
    expect((await call(other, 'GET', `/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await call(other, 'POST', `/tasks/${task.id}/complete`)).statusCode).toBe(404);
    expect((await call(other, 'GET', `/tasks/${task.id}/comments`)).statusCode).toBe(404);
    expect((await call(other, 'POST', `/tasks/${task.id}/comments`, { body: 'x' })).statusCode).toBe(404);
    expect((await call(other, 'GET', '/tasks')).json().data).toEqual([]);
    expect((await call(other, 'GET', '/tasks/for-me')).json().data).toEqual([]);
    const foreign = await call(other, 'POST', '/tasks', { title: 'x', assigneeId: anna.userId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].path).toBe('assigneeId');
  });
});
