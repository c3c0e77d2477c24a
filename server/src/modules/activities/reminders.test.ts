import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../platform/jobs/worker.ts';
import { DEFAULT_TIME_ZONE } from '../../platform/records/relative-dates.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { todayIn, windowDays } from './my-reminders.ts';
import { namesOn } from './name-days.ts';
import { fireAllDueReminders, fireDueReminders } from './reminders.service.ts';

let t: TestApp;
let admin: SignedIn;
let anna: SignedIn;
let bela: SignedIn;
let other: SignedIn;
let partnerId: string;
let contactId: string;

const own = { activities: { read: 'own', create: 'own', update: 'own', delete: 'own' }, partners: { read: 'own', create: 'own', update: 'own' }, sales: { read: 'own', create: 'own', update: 'own' } } as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const remindersOf = async (who: SignedIn, taskId: string) =>
  (await call(who, 'GET', `/tasks/${taskId}/reminders`)).json().data as { offsetMinutes: number; remindAt: string; status: string; userId: string }[];
const pending = <R extends { status: string }>(rows: R[]) => rows.filter((r) => r.status === 'pending');
const notificationsOf = (userId: string, kind = 'reminder') =>
  t.ctx.db.selectFrom('notification').select(['title', 'body', 'link', 'channels']).where('userId', '=', userId).where('kind', '=', kind).execute();
// makes a task's (or callback's) pending reminders due now
const makeDue = (column: 'task_id' | 'callback_id', id: string) =>
  sql`update reminder set remind_at = now() - interval '1 second' where ${sql.ref(column)} = ${id}::uuid and status = 'pending'`.execute(t.ctx.db);

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  anna = await addUser(t, admin.workspaceId, { grants: own, name: 'Anna Nowak' });
  bela = await addUser(t, admin.workspaceId, { grants: own, name: 'Béla Kiss' });
  other = await setupWorkspace(t);
  partnerId = (await call(anna, 'POST', '/partners', { name: 'Łódź Logistyka' })).json().id;
  contactId = (await call(anna, 'POST', '/contacts', { firstName: 'Jan', lastName: 'Kowalski' })).json().id;
  await call(anna, 'PUT', `/partners/${partnerId}/contacts/${contactId}`, { role: 'CEO' });
});
afterAll(() => t.close());

describe(`reminders (${testDatabaseKind})`, () => {
  it('keeps workspace defaults that administrators set, refusing bad ones with the field named', async () => {
    expect((await call(anna, 'GET', '/settings/reminders')).json()).toEqual({ reminders: [] });
    expect((await call(anna, 'PUT', '/settings/reminders', { reminders: [{ amount: 1, unit: 'days' }] })).statusCode).toBe(403);
    const negative = await call(admin, 'PUT', '/settings/reminders', { reminders: [{ amount: -5, unit: 'minutes' }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors).toEqual([{ path: 'reminders.0.amount', message: 'validation.notNegative' }]);
    const twice = await call(admin, 'PUT', '/settings/reminders', { reminders: [{ amount: 1, unit: 'hours' }, { amount: 60, unit: 'minutes' }] });
    expect(twice.json().errors[0].message).toBe('validation.reminderTwice');
    expect((await call(admin, 'PUT', '/settings/reminders', { reminders: [{ amount: 1, unit: 'weeks' }] })).statusCode).toBe(400);
    expect((await call(anna, 'GET', '/settings/reminders')).json()).toEqual({ reminders: [] });
    const set = await call(admin, 'PUT', '/settings/reminders', { reminders: [{ amount: 1, unit: 'days' }, { amount: 2, unit: 'hours' }] });
    expect(set.statusCode, set.body).toBe(200);
    expect((await call(anna, 'GET', '/settings/reminders')).json().reminders).toHaveLength(2);
    // another workspace keeps its own
    expect((await call(other, 'GET', '/settings/reminders')).json()).toEqual({ reminders: [] });
  });

  it('gives a new task the defaults when it names none, its own when it does, none when it asks for none', async () => {
    const due = hours(72);
    const task = (await call(anna, 'POST', '/tasks', { title: 'Ofertă Łódź', dueAt: due, partnerId })).json();
    expect(task.reminders).toEqual([{ amount: 1, unit: 'days' }, { amount: 2, unit: 'hours' }]);
    const rows = await remindersOf(anna, task.id);
    expect(rows.map((r) => [r.offsetMinutes, r.status, new Date(r.remindAt).getTime(), r.userId])).toEqual([
      [1440, 'pending', Date.parse(due) - 86_400_000, anna.userId],
      [120, 'pending', Date.parse(due) - 7_200_000, anna.userId],
    ]);
    const mine = (await call(anna, 'POST', '/tasks', { title: 'x', dueAt: due, reminders: [{ amount: 15, unit: 'minutes' }] })).json();
    expect((await remindersOf(anna, mine.id)).map((r) => r.offsetMinutes)).toEqual([15]);
    const none = (await call(anna, 'POST', '/tasks', { title: 'y', dueAt: due, reminders: [] })).json();
    expect(await remindersOf(anna, none.id)).toEqual([]);
    // a time already past is not scheduled; a task without a deadline has none
    const soon = (await call(anna, 'POST', '/tasks', { title: 'z', dueAt: hours(1) })).json();
    expect(pending(await remindersOf(anna, soon.id))).toEqual([]);
    const undated = (await call(anna, 'POST', '/tasks', { title: 'w' })).json();
    expect(await remindersOf(anna, undated.id)).toEqual([]);
    const bad = await call(anna, 'POST', '/tasks', { title: 'v', dueAt: due, reminders: [{ amount: 400, unit: 'days' }] });
    expect(bad.statusCode).toBe(400);
    expect((await call(bela, 'GET', `/tasks/${task.id}/reminders`)).statusCode).toBe(404);
  });

  it('re-schedules pending reminders when the deadline moves or the list changes; completing cancels them, reopening brings them back', async () => {
    let task = (await call(anna, 'POST', '/tasks', { title: 'Mutat', dueAt: hours(48), reminders: [{ amount: 1, unit: 'days' }] })).json();
    const later = hours(120);
    task = (await call(anna, 'PATCH', `/tasks/${task.id}`, { dueAt: later, version: task.version })).json();
    let rows = await remindersOf(anna, task.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', remindAt: new Date(Date.parse(later) - 86_400_000).toISOString() });
    // the list edited: 1 day removed, 30 minutes added
    task = (await call(anna, 'PATCH', `/tasks/${task.id}`, { reminders: [{ amount: 30, unit: 'minutes' }], version: task.version })).json();
    rows = await remindersOf(anna, task.id);
    expect(pending(rows).map((r) => r.offsetMinutes)).toEqual([30]);
    expect(rows.find((r) => r.offsetMinutes === 1440)?.status).toBe('cancelled');
    // given to Béla: the reminder goes to him
    task = (await call(anna, 'PATCH', `/tasks/${task.id}`, { assigneeId: bela.userId, version: task.version })).json();
    expect(pending(await remindersOf(anna, task.id)).map((r) => r.userId)).toEqual([bela.userId]);
    const done = (await call(anna, 'POST', `/tasks/${task.id}/complete`)).json();
    expect(pending(await remindersOf(anna, task.id))).toEqual([]);
    await call(anna, 'POST', `/tasks/${task.id}/reopen`, { version: done.version });
    expect(pending(await remindersOf(anna, task.id)).map((r) => r.offsetMinutes)).toEqual([30]);
    // all removed (the list editor sends null)
    const current = (await call(anna, 'GET', `/tasks/${task.id}`)).json();
    const cleared = (await call(anna, 'PATCH', `/tasks/${task.id}`, { reminders: null, version: current.version })).json();
    expect(cleared.reminders).toEqual([]);
    expect(pending(await remindersOf(anna, task.id))).toEqual([]);
  });

  it('fires each due reminder exactly once, in the app and by e-mail, even with two scans running at the same time', async () => {
    const before = (await notificationsOf(anna.userId)).length;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const task = (await call(anna, 'POST', '/tasks', { title: `Termen ${i}`, dueAt: hours(30 + i), partnerId, reminders: [{ amount: 1, unit: 'days' }] })).json();
      ids.push(task.id);
      await makeDue('task_id', task.id);
    }
    // two workers scanning concurrently, in small batches so that they compete for the same rows
    const [a, b] = await Promise.all([fireAllDueReminders(t.ctx.db, 2), fireAllDueReminders(t.ctx.db, 3)]);
    expect(a.fired + b.fired).toBe(12);
    expect(await fireDueReminders(t.ctx.db)).toEqual({ fired: 0, skipped: 0 });
    const told = await notificationsOf(anna.userId);
    expect(told.length - before).toBe(12);
    expect(told.find((n) => n.link === `/r/tasks/${ids[0]}`)).toMatchObject({ title: expect.stringMatching(/^Reminder: "Termen 0" is due /), body: 'Łódź Logistyka', channels: ['in_app', 'email'] });
    const sent = await t.ctx.db.selectFrom('reminder').select(['status', 'notificationId']).where('taskId', 'in', ids).execute();
    expect(sent.every((r) => r.status === 'sent' && r.notificationId)).toBe(true);
    expect(new Set(sent.map((r) => r.notificationId)).size).toBe(12);
    // e-mail: one delivery job per notification
    await t.ctx.worker.drain();
    const mails = await t.ctx.db.selectFrom('mailMessage').select('subject').where('subject', 'like', 'Reminder: "Termen %').execute();
    expect(mails).toHaveLength(12);
  });

  it('fires from the worker schedule once even when two workers run it', async () => {
    const task = (await call(anna, 'POST', '/tasks', { title: 'Din program', dueAt: hours(30), reminders: [{ amount: 1, unit: 'days' }] })).json();
    await makeDue('task_id', task.id);
    const second = new Worker(t.ctx.db);
    second.registerHandler('reminders.fire', () => fireAllDueReminders(t.ctx.db));
    // due now, in a slot of its own (an hour back: the schedule's first slot was when the app started, seconds ago)
    await sql`update job_schedule set next_run_at = now() - interval '1 hour' where name = 'reminders-fire'`.execute(t.ctx.db);
    await Promise.all([t.ctx.worker.drain(), second.drain()]);
    const jobs = await t.ctx.db.selectFrom('job').select(['status', 'lastError', 'dedupeKey', 'result']).where('queue', '=', 'reminders.fire').execute();
    const told = (await notificationsOf(anna.userId)).filter((n) => n.link === `/r/tasks/${task.id}`);
    expect(told, JSON.stringify(jobs)).toHaveLength(1);
  });

  it('does not fire for a task deleted or done meanwhile, and a moved deadline makes a sent reminder due again', async () => {
    const gone = (await call(anna, 'POST', '/tasks', { title: 'Șters', dueAt: hours(30), reminders: [{ amount: 1, unit: 'days' }] })).json();
    await makeDue('task_id', gone.id);
    // deleted by a path that does not go through the task's rules (e.g. straight in the database)
    await t.ctx.db.updateTable('task').set({ deletedAt: new Date() }).where('id', '=', gone.id).execute();
    expect(await fireDueReminders(t.ctx.db)).toEqual({ fired: 0, skipped: 1 });

    let task = (await call(anna, 'POST', '/tasks', { title: 'Din nou', dueAt: hours(30), reminders: [{ amount: 1, unit: 'days' }] })).json();
    await makeDue('task_id', task.id);
    expect((await fireDueReminders(t.ctx.db)).fired).toBe(1);
    task = (await call(anna, 'GET', `/tasks/${task.id}`)).json();
    await call(anna, 'PATCH', `/tasks/${task.id}`, { title: 'Din nou!', version: task.version });
    expect(pending(await remindersOf(anna, task.id))).toEqual([]);
    task = (await call(anna, 'GET', `/tasks/${task.id}`)).json();
    await call(anna, 'PATCH', `/tasks/${task.id}`, { dueAt: hours(100), version: task.version });
    expect(pending(await remindersOf(anna, task.id))).toHaveLength(1);
  });

  it('reads only the partial index of pending reminders, however many were sent', async () => {
    await sql`insert into reminder (id, workspace_id, kind, remind_at, status)
      select gen_random_uuid(), ${admin.workspaceId}::uuid, 'task', now() - make_interval(mins => g), 'sent' from generate_series(1, 20000) g`.execute(t.ctx.db);
    await sql`analyze reminder`.execute(t.ctx.db);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select id from reminder where status = 'pending' and remind_at <= now()
      order by remind_at limit 200 for update skip locked`.execute(t.ctx.db);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('reminder_pending_due');
    expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe(`callbacks (${testDatabaseKind})`, () => {
  it('reminds the person who calls back at the time, once; a contact brings its partner; done cancels', async () => {
    const missing = await call(anna, 'POST', '/callbacks', { callAt: hours(2), note: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'partnerId', message: 'validation.callbackNeedsRecord' }]);
    const res = await call(anna, 'POST', '/callbacks', { callAt: hours(2), contactId, note: 'Despre oferta de transport' });
    expect(res.statusCode, res.body).toBe(201);
    const callback = res.json();
    expect(callback).toMatchObject({ partnerId, contactId, userId: anna.userId, doneAt: null });
    const row = () => t.ctx.db.selectFrom('reminder').select(['status', 'remindAt', 'userId']).where('callbackId', '=', callback.id).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'pending', userId: anna.userId });
    // moved: the reminder follows
    const moved = (await call(anna, 'PATCH', `/callbacks/${callback.id}`, { callAt: hours(3), version: callback.version })).json();
    expect((await row()).remindAt.toISOString()).toBe(moved.callAt);
    await makeDue('callback_id', callback.id);
    expect((await fireDueReminders(t.ctx.db)).fired).toBe(1);
    expect((await fireDueReminders(t.ctx.db)).fired).toBe(0);
    const told = (await notificationsOf(anna.userId)).filter((n) => n.link === `/r/callbacks/${callback.id}`);
    expect(told).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Call back Jan Kowalski, Łódź Logistyka at /), body: 'Despre oferta de transport' })]);
    // another one, done before its time: nothing fires
    const second = (await call(anna, 'POST', '/callbacks', { callAt: hours(5), partnerId })).json();
    await call(anna, 'PATCH', `/callbacks/${second.id}`, { doneAt: new Date().toISOString(), version: second.version });
    await makeDue('callback_id', second.id);
    expect((await fireDueReminders(t.ctx.db)).fired).toBe(0);
    // not Béla's to read
    expect((await call(bela, 'GET', `/callbacks/${callback.id}`)).statusCode).toBe(404);
  });
});

describe(`my reminders (${testDatabaseKind})`, () => {
  it("lists my tasks due, callbacks, birthdays and name days (contacts I may read, colleagues), contracts in their notice period", async () => {
    const today = todayIn(DEFAULT_TIME_ZONE);
    const { dates } = windowDays(today, 7);
    const inThree = dates[3]!;
    await call(anna, 'POST', '/tasks', { title: 'Întârziat', dueAt: hours(-5), reminders: [] });
    await call(anna, 'POST', '/tasks', { title: 'Peste trei zile', dueAt: `${inThree}T10:00:00Z`, reminders: [] });
    await call(anna, 'POST', '/tasks', { title: 'Peste o lună', dueAt: hours(24 * 30), reminders: [] });
    await call(anna, 'POST', '/tasks', { title: 'Al Belei', dueAt: hours(5), assigneeId: bela.userId, reminders: [] });
    // a Hungarian contact celebrating the name of the day after tomorrow, one with her own name day, one born in three days
    const hu = namesOn('HU', dates[2]!.slice(5))[0]!;
    const named = (await call(anna, 'POST', '/contacts', { firstName: hu, lastName: 'Szabó', country: 'HU' })).json();
    const ownDay = (await call(anna, 'POST', '/contacts', { firstName: 'Xenofon', lastName: 'Pop', nameDay: dates[1]!.slice(5) })).json();
    const born = (await call(anna, 'POST', '/contacts', { firstName: 'Ilona', lastName: 'Born', birthday: `1980-${inThree.slice(5)}` })).json();
    // Béla may not read Anna's contacts: he does not see them
    const colleague = await t.ctx.db.updateTable('users').set({ birthday: `1990-${dates[1]!.slice(5)}` }).where('id', '=', bela.userId).returning('id').execute();
    expect(colleague).toHaveLength(1);
    const contract = (await call(anna, 'POST', '/contracts', { title: 'Transport', partnerId, startsOn: '2025-01-01', endsOn: dates[5], noticeDays: 30 })).json();
    await call(anna, 'POST', '/contracts', { title: 'Departe', partnerId, startsOn: '2025-01-01', endsOn: '2030-01-01', noticeDays: 30 });

    const res = await call(anna, 'GET', '/me/reminders?days=7');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine.from).toBe(today);
    expect(mine.tasks.map((x: { title: string; when: string }) => [x.title, x.when])).toEqual(expect.arrayContaining([['Întârziat', 'overdue'], ['Peste trei zile', 'soon']]));
    expect(mine.tasks.map((x: { title: string }) => x.title)).not.toContain('Peste o lună');
    expect(mine.tasks.map((x: { title: string }) => x.title)).not.toContain('Al Belei');
    expect(mine.callbacks.map((c: { contactName: string }) => c.contactName)).toContain('Jan Kowalski');
    expect(mine.birthdays).toEqual(expect.arrayContaining([
      { kind: 'contact', id: born.id, name: 'Ilona Born', on: inThree },
      { kind: 'user', id: bela.userId, name: 'Béla Kiss', on: dates[1] },
    ]));
    expect(JSON.stringify(mine.birthdays)).not.toContain('1990');
    expect(mine.nameDays).toEqual(expect.arrayContaining([
      { kind: 'contact', id: named.id, name: `${hu} Szabó`, on: dates[2] },
      { kind: 'contact', id: ownDay.id, name: 'Xenofon Pop', on: dates[1] },
    ]));
    expect(mine.contracts.map((c: { id: string }) => c.id)).toEqual([contract.id]);

    const his = (await call(bela, 'GET', '/me/reminders')).json();
    expect(his.tasks.map((x: { title: string }) => x.title)).toContain('Al Belei');
    expect(his.tasks.map((x: { title: string }) => x.title)).not.toContain('Întârziat');
    expect(his.birthdays.map((b: { id: string }) => b.id)).not.toContain(born.id);
    expect(his.nameDays.map((b: { id: string }) => b.id)).not.toContain(named.id);
    expect(his.contracts).toEqual([]);
    expect((await call(other, 'GET', '/me/reminders')).json()).toMatchObject({ tasks: [], callbacks: [], birthdays: [], nameDays: [], contracts: [] });
  });
});
