import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let anna: SignedIn;
let bela: SignedIn;
let cezar: SignedIn;
let maria: SignedIn;
let noTasks: SignedIn;
let other: SignedIn;
let p1: string;
let p2: string;
let teamA: string;

type Method = 'GET' | 'POST';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

const DAY = 86_400_000;
const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`).getTime();
/** The UTC day `n` days from today, and an instant on it. */
const day = (n: number) => new Date(today + n * DAY).toISOString().slice(0, 10);
const at = (n: number, hour: number) => new Date(today + n * DAY + hour * 3_600_000).toISOString();
const period = `from=${day(-2)}&to=${day(2)}&timeZone=UTC`;

interface Counts {
  due: number;
  open: number;
  overdue: number;
  done: number;
  doneLate: number;
}
const pick = ({ due, open, overdue, done, doneLate }: Counts) => ({ due, open, overdue, done, doneLate });
const byLabel = (rows: (Counts & { label: string | null })[]) => Object.fromEntries(rows.map((r) => [r.label ?? '—', pick(r)]));

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  other = await setupWorkspace(t);
  const unit = async (name: string, parentId?: string) => (await call(admin, 'POST', '/org-units', { name, ...(parentId ? { parentId } : {}) })).json().id as string;
  const sales = await unit('Vânzări');
  teamA = await unit('Echipa Cluj', sales);
  const service = await unit('Service');
  const own = { activities: { read: 'own', create: 'own', update: 'own', export: 'own' }, partners: { read: 'own', create: 'own' } } as const;
  anna = await addUser(t, admin.workspaceId, { grants: own, name: 'Anna Nowak', orgUnitId: teamA });
  bela = await addUser(t, admin.workspaceId, { grants: own, name: 'Béla Kiss', orgUnitId: teamA });
  cezar = await addUser(t, admin.workspaceId, { grants: own, name: 'Cezar Pop', orgUnitId: service });
  // a manager: the tasks of the people in their unit and below
  maria = await addUser(t, admin.workspaceId, { grants: { activities: { read: 'team' }, partners: { read: 'all' } }, name: 'Maria Șef', orgUnitId: sales });
  noTasks = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'all' } }, name: 'Fără activități' });
  p1 = (await call(admin, 'POST', '/partners', { name: 'Łódź Logistyka' })).json().id;
  p2 = (await call(anna, 'POST', '/partners', { name: 'Dunărea Impex' })).json().id;
  expect(p2).toBeTruthy();

  const task = async (assignee: SignedIn, title: string, values: Record<string, unknown>) => {
    const res = await call(admin, 'POST', '/tasks', { title, assigneeId: assignee.userId, ...values });
    expect(res.statusCode, res.body).toBe(201);
  };
  await task(anna, 'T1 overdue', { dueAt: at(-2, 12), partnerId: p1 });
  await task(anna, 'T2 done late', { dueAt: at(-2, 9), completedAt: at(-1, 10), partnerId: p1 });
  await task(anna, 'T3 open call', { dueAt: at(1, 12), partnerId: p2, type: 'call' });
  await task(anna, 'T4 done early call', { dueAt: at(1, 12), completedAt: at(-1, 8), partnerId: p2, type: 'call' });
  await task(bela, 'T5 overdue', { dueAt: at(-1, 12), partnerId: p2 });
  await task(bela, 'T6 no deadline', {});
  await task(cezar, 'T7 open', { dueAt: at(2, 12), partnerId: p1 });
  await task(cezar, 'T8 overdue before the period', { dueAt: at(-5, 12) });
  // late in the evening in UTC, already the next day in Bucharest
  await task(cezar, 'T9 January', { dueAt: '2026-01-10T22:30:00Z' });
  // another company's task never counts
  const foreign = await call(other, 'POST', '/tasks', { title: 'Străin', dueAt: at(-1, 12) });
  expect(foreign.statusCode).toBe(201);
});
afterAll(() => t.close());

describe(`task analysis and workload (${testDatabaseKind})`, () => {
  it('counts tasks due (open, overdue) and done per person and per day', async () => {
    const res = await call(admin, 'GET', `/tasks/analysis?${period}&unit=day&by=user`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(byLabel(body.rows)).toEqual({
      'Anna Nowak': { due: 4, open: 1, overdue: 1, done: 2, doneLate: 1 },
      'Béla Kiss': { due: 1, open: 0, overdue: 1, done: 0, doneLate: 0 },
      'Cezar Pop': { due: 1, open: 1, overdue: 0, done: 0, doneLate: 0 },
    });
    // every day of the period, empty days too
    expect(body.totals.map((r: Counts & { period: string }) => [r.period, pick(r)])).toEqual([
      [day(-2), { due: 2, open: 0, overdue: 1, done: 0, doneLate: 0 }],
      [day(-1), { due: 1, open: 0, overdue: 1, done: 2, doneLate: 1 }],
      [day(0), { due: 0, open: 0, overdue: 0, done: 0, doneLate: 0 }],
      [day(1), { due: 2, open: 1, overdue: 0, done: 0, doneLate: 0 }],
      [day(2), { due: 1, open: 1, overdue: 0, done: 0, doneLate: 0 }],
    ]);
    const annaCells = body.cells.filter((c: { label: string }) => c.label === 'Anna Nowak');
    expect(annaCells.map((c: Counts & { period: string }) => [c.period, pick(c)])).toEqual([
      [day(-2), { due: 2, open: 0, overdue: 1, done: 0, doneLate: 0 }],
      [day(-1), { due: 0, open: 0, overdue: 0, done: 2, doneLate: 1 }],
      [day(1), { due: 2, open: 1, overdue: 0, done: 0, doneLate: 0 }],
    ]);
  });

  it('counts per partner and per week, and follows the filters', async () => {
    const partners = (await call(admin, 'GET', `/tasks/analysis?${period}&by=partner`)).json();
    expect(byLabel(partners.rows)).toEqual({
      'Łódź Logistyka': { due: 3, open: 1, overdue: 1, done: 1, doneLate: 1 },
      'Dunărea Impex': { due: 3, open: 1, overdue: 1, done: 1, doneLate: 0 },
    });
    const weeks = (await call(admin, 'GET', `/tasks/analysis?${period}&unit=week`)).json();
    for (const w of weeks.totals) expect(new Date(`${w.period}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(weeks.totals.reduce((s: number, w: Counts) => s + w.due, 0)).toBe(6);
    expect(weeks.totals.reduce((s: number, w: Counts) => s + w.done, 0)).toBe(2);

    const calls = (await call(admin, 'GET', `/tasks/analysis?${period}&types=call`)).json();
    expect(byLabel(calls.rows)).toEqual({ 'Anna Nowak': { due: 2, open: 1, overdue: 0, done: 1, doneLate: 0 } });
    const unit = (await call(admin, 'GET', `/tasks/analysis?${period}&orgUnitId=${teamA}`)).json();
    expect(Object.keys(byLabel(unit.rows)).sort()).toEqual(['Anna Nowak', 'Béla Kiss']);
    const people = (await call(admin, 'GET', `/tasks/analysis?${period}&userIds=${bela.userId},${cezar.userId}`)).json();
    expect(Object.keys(byLabel(people.rows)).sort()).toEqual(['Béla Kiss', 'Cezar Pop']);
    const partner = (await call(admin, 'GET', `/tasks/analysis?${period}&partnerId=${p2}&by=partner`)).json();
    expect(byLabel(partner.rows)).toEqual({ 'Dunărea Impex': { due: 3, open: 1, overdue: 1, done: 1, doneLate: 0 } });
  });

  it('counts the days of the chosen time zone', async () => {
    const utc = (await call(admin, 'GET', '/tasks/analysis?from=2026-01-10&to=2026-01-11&timeZone=UTC')).json();
    expect(utc.totals.map((r: Counts & { period: string }) => [r.period, r.due])).toEqual([['2026-01-10', 1], ['2026-01-11', 0]]);
    const bucharest = (await call(admin, 'GET', '/tasks/analysis?from=2026-01-10&to=2026-01-11&timeZone=Europe/Bucharest')).json();
    expect(bucharest.totals.map((r: Counts & { period: string }) => [r.period, r.due])).toEqual([['2026-01-10', 0], ['2026-01-11', 1]]);
  });

  it('shows each person what their scope allows: their own tasks, a manager their units', async () => {
    const mine = (await call(anna, 'GET', `/tasks/analysis?${period}&by=partner`)).json();
    // her tasks only; the partner she may not read stays unnamed
    expect(byLabel(mine.rows)).toEqual({
      'Dunărea Impex': { due: 2, open: 1, overdue: 0, done: 1, doneLate: 0 },
      '—': { due: 2, open: 0, overdue: 1, done: 1, doneLate: 1 },
    });
    expect(mine.rows.find((r: { label: string | null }) => r.label === null).key).toBe(p1);
    const team = (await call(maria, 'GET', `/tasks/analysis?${period}`)).json();
    expect(Object.keys(byLabel(team.rows)).sort()).toEqual(['Anna Nowak', 'Béla Kiss']);
    const teamLoad = (await call(maria, 'GET', `/tasks/workload?${period}`)).json();
    expect(teamLoad.rows.map((r: { name: string }) => r.name).sort()).toEqual(['Anna Nowak', 'Béla Kiss']);
    expect((await call(noTasks, 'GET', `/tasks/analysis?${period}`)).statusCode).toBe(403);
    expect((await call(noTasks, 'GET', `/tasks/workload?${period}`)).statusCode).toBe(403);
  });

  it('gives the workload per person: unfinished, overdue, due this week, without deadline, done in the period', async () => {
    const res = await call(admin, 'GET', `/tasks/workload?${period}`);
    expect(res.statusCode, res.body).toBe(200);
    // the week of today, Monday to Sunday in UTC
    const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
    const thisWeek = (...deadlines: string[]) => deadlines.filter((d) => Date.parse(d) >= monday && Date.parse(d) < monday + 7 * DAY).length;
    const rows = Object.fromEntries(res.json().rows.map((r: { name: string }) => [r.name, r]));
    expect(rows['Anna Nowak']).toMatchObject({ unfinished: 2, overdue: 1, inProgress: 0, noDeadline: 0, done: 2, doneLate: 1, dueThisWeek: thisWeek(at(-2, 12), at(1, 12)) });
    expect(rows['Béla Kiss']).toMatchObject({ unfinished: 2, overdue: 1, noDeadline: 1, done: 0, dueThisWeek: thisWeek(at(-1, 12)) });
    expect(rows['Cezar Pop']).toMatchObject({ unfinished: 3, overdue: 2, noDeadline: 0, done: 0, dueThisWeek: thisWeek(at(2, 12), at(-5, 12)) });
    // the most overdue first
    expect(res.json().rows[0].name).toBe('Cezar Pop');
  });

  it('refuses unbounded or unclear periods with clear errors', async () => {
    const long = await call(admin, 'GET', '/tasks/analysis?from=2026-01-01&to=2027-06-30&unit=day');
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([{ path: 'to', message: 'validation.periodTooLong' }]);
    expect((await call(admin, 'GET', '/tasks/analysis?from=2026-01-01&to=2027-06-30&unit=week')).statusCode).toBe(200);
    expect((await call(admin, 'GET', '/tasks/analysis?from=2026-01-01&to=2030-01-01&unit=week')).json().errors).toEqual([{ path: 'to', message: 'validation.periodTooLong' }]);
    expect((await call(admin, 'GET', '/tasks/analysis?from=2026-02-01&to=2026-01-01')).json().errors).toEqual([{ path: 'to', message: 'validation.endBeforeStart' }]);
    expect((await call(admin, 'GET', '/tasks/analysis?from=2026-01-01&to=2026-01-31&timeZone=Mars/Olympus')).json().errors).toEqual([{ path: 'timeZone', message: 'validation.unknownTimeZone' }]);
    expect((await call(admin, 'GET', '/tasks/analysis?from=2026-01-01&to=2026-01-31&types=nap')).statusCode).toBe(400);
    expect((await call(admin, 'GET', '/tasks/analysis?to=2026-01-31')).statusCode).toBe(400);
  });

  it('exports a report table as XLSX for those who may export', async () => {
    const payload = {
      area: 'activities',
      fileName: 'Analiza sarcinilor',
      tables: [{ name: 'Pe persoane', columns: [{ header: 'Persoană' }, { header: 'Scadente', numeric: true }], rows: [['Anna Nowak', 4], ['=cmd()', '2']] }],
    };
    const res = await call(anna, 'POST', '/reports/xlsx', payload);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('Analiza%20sarcinilor.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Pe persoane')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Persoană', 'Scadente']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Anna Nowak', 4]);
    // text stays text (no formula), numbers of numeric columns become numbers
    expect(sheet.getRow(3).values).toEqual([undefined, '=cmd()', 2]);
    expect((await call(maria, 'POST', '/reports/xlsx', payload)).statusCode).toBe(403);
    expect((await call(anna, 'POST', '/reports/xlsx', { ...payload, area: 'sales' })).statusCode).toBe(403);
  });
});
