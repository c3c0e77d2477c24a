import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let boss: SignedIn;
let other: SignedIn;
let roomId: string;

const activities = (scope: 'own' | 'all') => ({ activities: { read: scope, create: scope, update: scope, delete: scope } }) as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const calendar = async (who: SignedIn, from: string, to: string, extra = '') => {
  const res = await call(who, 'GET', `/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { key: string; kind: string; id: string | null; userId: string | null; title: string | null; startsAt: string; endsAt: string; busy: boolean; version: number | null; occurrenceStart: string | null; resourceId: string | null }[];
    holidays: { date: string; key: string }[];
    users: { id: string; name: string }[];
    country: string;
  };
};
const event = async (who: SignedIn, body: Record<string, unknown>) => {
  const res = await call(who, 'POST', '/events', { kind: 'meeting', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; startsAt: string; endsAt: string | null; rrule: string | null; exdates: string[]; recurrenceEndsAt: string | null; timeZone: string | null };
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t, { locale: 'ro' });
  rep = await addUser(t, admin.workspaceId, { grants: activities('own'), name: 'Radu Rep' });
  boss = await addUser(t, admin.workspaceId, { grants: activities('all'), name: 'Bogdan Boss' });
  other = await setupWorkspace(t);
  roomId = (await call(admin, 'POST', '/resources', { name: 'Sala Mare', kind: 'room', active: true })).json().id;
});
afterAll(() => t.close());

describe(`calendar (${testDatabaseKind})`, () => {
  it('reads one week: events, a long event reaching in, tasks by deadline, reservations of a chosen room, public holidays', async () => {
    const inWeek = await event(rep, { subject: 'Vizită client', startsAt: '2026-11-30T08:00:00Z', endsAt: '2026-11-30T09:00:00Z' });
    await event(rep, { subject: 'Next week', startsAt: '2026-12-08T08:00:00Z', endsAt: '2026-12-08T09:00:00Z' });
    await event(rep, { subject: 'Last week', startsAt: '2026-11-27T08:00:00Z', endsAt: '2026-11-27T09:00:00Z' });
    const fair = await event(rep, { subject: 'Târg de toamnă', startsAt: '2026-11-20T08:00:00Z', endsAt: '2026-12-02T16:00:00Z' });
    const task = (await call(rep, 'POST', '/tasks', { title: 'Ofertă Kovács', dueAt: '2026-12-03T15:00:00Z' })).json();
    const booking = (
      await call(admin, 'POST', '/reservations', { resourceId: roomId, title: 'Board meeting', startsAt: '2026-12-02T10:00:00Z', endsAt: '2026-12-02T12:00:00Z' })
    ).json();
    const week = await calendar(rep, '2026-11-30T00:00:00+02:00', '2026-12-07T00:00:00+02:00', `&resources=${roomId}`);
    const keys = week.items.map((i) => `${i.kind}:${i.title}`);
    expect(keys).toEqual(['event:Târg de toamnă', 'event:Vizită client', 'reservation:null', 'task:Ofertă Kovács']);
    expect(week.items.find((i) => i.id === inWeek.id)).toMatchObject({ userId: rep.userId, busy: false, version: 1 });
    expect(week.items.find((i) => i.id === fair.id)?.startsAt).toBe('2026-11-20T08:00:00.000Z');
    expect(week.items.find((i) => i.id === task.id)).toMatchObject({ kind: 'task', startsAt: '2026-12-03T15:00:00.000Z', userId: rep.userId });
    // the rep may not read the administrator's booking: the room is shown taken, without its title
    expect(week.items.find((i) => i.kind === 'reservation')).toMatchObject({ busy: true, title: null, id: null, resourceId: roomId });
    expect(booking.id).toBeTruthy();
    // a Romanian workspace: St Andrew and the national day
    expect(week.country).toBe('RO');
    expect(week.holidays.map((h) => h.date)).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('shows others’ private and unreadable events as busy time, without details', async () => {
    const secret = await event(boss, { subject: 'Medic', startsAt: '2026-10-05T08:00:00Z', endsAt: '2026-10-05T09:00:00Z', private: true });
    const open = await event(boss, { subject: 'Ședință vânzări', startsAt: '2026-10-06T08:00:00Z', endsAt: '2026-10-06T09:00:00Z' });
    const mine = await event(rep, { subject: 'Privat rep', startsAt: '2026-10-07T08:00:00Z', endsAt: '2026-10-07T09:00:00Z', private: true });
    const range = ['2026-10-05T00:00:00Z', '2026-10-12T00:00:00Z'] as const;
    const both = `&users=${rep.userId},${boss.userId}`;
    // the rep (own scope) sees the boss's time, not what it is
    const asRep = await calendar(rep, ...range, both);
    const bossItems = asRep.items.filter((i) => i.userId === boss.userId);
    expect(bossItems).toHaveLength(2);
    for (const i of bossItems) expect(i).toMatchObject({ busy: true, title: null, id: null, version: null });
    expect(JSON.stringify(asRep)).not.toContain(secret.id);
    expect(JSON.stringify(asRep)).not.toContain('Medic');
    // the boss (all scope) reads the rep's public events but not the private one
    const asBoss = await calendar(boss, ...range, both);
    expect(asBoss.items.find((i) => i.id === open.id)?.title).toBe('Ședință vânzări');
    const repPrivate = asBoss.items.filter((i) => i.userId === rep.userId);
    expect(repPrivate).toEqual([expect.objectContaining({ busy: true, title: null })]);
    expect(JSON.stringify(asBoss)).not.toContain(mine.id);
    // users of another workspace are not looked at
    const foreign = await calendar(other, ...range, both);
    expect(foreign.items).toEqual([]);
    expect(foreign.users).toEqual([]);
  });

  it('refuses bad ranges and ids with clear errors', async () => {
    const tooLong = await call(rep, 'GET', '/calendar?from=2026-01-01T00:00:00Z&to=2027-03-01T00:00:00Z');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().detail ?? tooLong.json().title).toMatch(/400 days/);
    expect((await call(rep, 'GET', '/calendar?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')).statusCode).toBe(400);
    expect((await call(rep, 'GET', '/calendar?from=yesterday&to=2026-01-01T00:00:00Z')).statusCode).toBe(400);
    expect((await call(rep, 'GET', '/calendar?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&users=nope')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z' })).statusCode).toBe(401);
  });

  it('stores recurrence rules, expands them in the range in wall-clock time, and refuses bad rules', async () => {
    const weekly = await event(rep, {
      subject: 'Weekly sync',
      startsAt: '2026-03-16T07:00:00Z',
      endsAt: '2026-03-16T07:30:00Z',
      rrule: 'freq=weekly;byday=mo;count=10',
    });
    expect(weekly).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=10', timeZone: 'Europe/Bucharest', recurrenceEndsAt: '2026-05-18T06:30:00.000Z' });
    const march = await calendar(rep, '2026-03-16T00:00:00Z', '2026-04-06T00:00:00Z');
    const occurrences = march.items.filter((i) => i.id === weekly.id);
    // 09:00 in Bucharest before and after the change to summer time
    expect(occurrences.map((i) => i.startsAt)).toEqual(['2026-03-16T07:00:00.000Z', '2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(occurrences[0]).toMatchObject({ occurrenceStart: '2026-03-16T07:00:00.000Z', endsAt: '2026-03-16T07:30:00.000Z' });
    // never-ending: allowed, expanded only inside the range asked for
    const daily = await event(rep, { subject: 'Stand-up', startsAt: '2020-01-06T07:00:00Z', endsAt: '2020-01-06T07:15:00Z', rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR' });
    expect(daily.recurrenceEndsAt).toBeNull();
    const year = await calendar(rep, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(year.items.filter((i) => i.id === daily.id)).toHaveLength(261);
    for (const [rrule, message] of [
      ['FREQ=SECONDLY', /SECONDLY is not supported/],
      ['FREQ=DAILY;COUNT=50000', /COUNT must be between 1 and 10000/],
      ['FREQ=DAILY;BYSETPOS=1', /BYSETPOS is not supported/],
      ['FREQ=WEEKLY;UNTIL=20200101T000000Z', /UNTIL is before/],
    ] as const) {
      const res = await call(rep, 'POST', '/events', { subject: 'Bad', startsAt: '2026-03-16T07:00:00Z', rrule });
      expect(res.statusCode, rrule).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path: 'rrule', message: expect.stringMatching(message) });
    }
    const badZone = await call(rep, 'POST', '/events', { subject: 'Bad', startsAt: '2026-03-16T07:00:00Z', rrule: 'FREQ=DAILY', timeZone: 'Mars/Olympus' });
    expect(badZone.statusCode).toBe(400);
  });

  it('moves one occurrence, the following ones, or the series, with the series version checked', async () => {
    const series = await event(rep, { subject: 'Raport săptămânal', startsAt: '2026-06-01T07:00:00Z', endsAt: '2026-06-01T08:00:00Z', rrule: 'FREQ=WEEKLY;COUNT=6' });
    const range = ['2026-06-01T00:00:00Z', '2026-07-13T00:00:00Z'] as const;
    // this one only: 8 June moves to 9 June
    const moved = await call(rep, 'POST', `/events/${series.id}/occurrences`, {
      occurrenceStart: '2026-06-08T07:00:00Z',
      scope: 'this',
      version: series.version,
      changes: { startsAt: '2026-06-09T10:00:00Z', endsAt: '2026-06-09T11:00:00Z' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().series.exdates).toEqual(['2026-06-08T07:00:00.000Z']);
    expect(moved.json().occurrence).toMatchObject({ seriesId: series.id, subject: 'Raport săptămânal', rrule: null, startsAt: '2026-06-09T10:00:00.000Z' });
    let items = (await calendar(rep, ...range)).items.filter((i) => i.title === 'Raport săptămânal').map((i) => i.startsAt.slice(0, 10));
    expect(items).toEqual(['2026-06-01', '2026-06-09', '2026-06-15', '2026-06-22', '2026-06-29', '2026-07-06']);
    // a stale series version is refused
    const stale = await call(rep, 'POST', `/events/${series.id}/occurrences`, { occurrenceStart: '2026-06-15T07:00:00Z', scope: 'this', version: series.version, delete: true });
    expect(stale.statusCode).toBe(409);
    // not an occurrence
    const wrong = await call(rep, 'POST', `/events/${series.id}/occurrences`, { occurrenceStart: '2026-06-16T07:00:00Z', scope: 'this', version: 2, delete: true });
    expect(wrong.statusCode).toBe(400);
    // this and following: from 22 June on at 11:00 UTC; COUNT carries the remaining three
    const split = await call(rep, 'POST', `/events/${series.id}/occurrences`, {
      occurrenceStart: '2026-06-22T07:00:00Z',
      scope: 'following',
      version: 2,
      changes: { startsAt: '2026-06-22T11:00:00Z', endsAt: '2026-06-22T12:00:00Z', subject: 'Raport nou' },
    });
    expect(split.statusCode, split.body).toBe(200);
    expect(split.json().series.rrule).toBe('FREQ=WEEKLY;UNTIL=20260622T065959Z');
    expect(split.json().occurrence).toMatchObject({ rrule: 'FREQ=WEEKLY;COUNT=3', seriesId: series.id });
    const after = (await calendar(rep, ...range)).items.filter((i) => i.title?.startsWith('Raport'));
    expect(after.map((i) => `${i.startsAt.slice(0, 13)} ${i.title}`)).toEqual([
      '2026-06-01T07 Raport săptămânal',
      '2026-06-09T10 Raport săptămânal',
      '2026-06-15T07 Raport săptămânal',
      '2026-06-22T11 Raport nou',
      '2026-06-29T11 Raport nou',
      '2026-07-06T11 Raport nou',
    ]);
    // the whole new series moves by an hour when one occurrence is dragged with scope "series"
    const next = split.json().occurrence;
    const whole = await call(rep, 'POST', `/events/${next.id}/occurrences`, {
      occurrenceStart: '2026-06-29T11:00:00Z',
      scope: 'series',
      version: next.version,
      changes: { startsAt: '2026-06-29T12:00:00Z', endsAt: '2026-06-29T13:00:00Z' },
    });
    expect(whole.statusCode, whole.body).toBe(200);
    expect(whole.json().series.startsAt).toBe('2026-06-22T12:00:00.000Z');
    items = (await calendar(rep, ...range)).items.filter((i) => i.title === 'Raport nou').map((i) => i.startsAt.slice(0, 13));
    expect(items).toEqual(['2026-06-22T12', '2026-06-29T12', '2026-07-06T12']);
    // a Monday-and-Wednesday series dragged a day later as a whole repeats on Tuesdays and Thursdays
    const twice = await event(rep, { subject: 'Două pe săptămână', startsAt: '2026-06-01T07:00:00Z', endsAt: '2026-06-01T08:00:00Z', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4' });
    const dragged = await call(rep, 'POST', `/events/${twice.id}/occurrences`, {
      occurrenceStart: '2026-06-03T07:00:00Z',
      scope: 'series',
      version: twice.version,
      changes: { startsAt: '2026-06-04T07:00:00Z', endsAt: '2026-06-04T08:00:00Z' },
    });
    expect(dragged.statusCode, dragged.body).toBe(200);
    expect(dragged.json().series).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4', startsAt: '2026-06-02T07:00:00.000Z' });
    items = (await calendar(rep, ...range)).items.filter((i) => i.title === 'Două pe săptămână').map((i) => i.startsAt.slice(0, 10));
    expect(items).toEqual(['2026-06-02', '2026-06-04', '2026-06-09', '2026-06-11']);
  });

  it('drags an event and a task to a new time with optimistic locking (409 on a stale version)', async () => {
    const meeting = await event(rep, { subject: 'Drag me', startsAt: '2026-09-01T08:00:00Z', endsAt: '2026-09-01T09:00:00Z' });
    const moved = await call(rep, 'PATCH', `/events/${meeting.id}`, { startsAt: '2026-09-02T10:00:00Z', endsAt: '2026-09-02T11:30:00Z', version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, minutesSpent: 90 });
    const conflict = await call(rep, 'PATCH', `/events/${meeting.id}`, { startsAt: '2026-09-03T10:00:00Z', endsAt: '2026-09-03T11:00:00Z', version: 1 });
    expect(conflict.statusCode).toBe(409);
    // the server checks the times of a resize
    const backwards = await call(rep, 'PATCH', `/events/${meeting.id}`, { endsAt: '2026-09-02T09:00:00Z', version: 2 });
    expect(backwards.statusCode).toBe(400);
    const week = await calendar(rep, '2026-08-31T00:00:00Z', '2026-09-07T00:00:00Z');
    expect(week.items.find((i) => i.id === meeting.id)).toMatchObject({ startsAt: '2026-09-02T10:00:00.000Z', version: 2 });
  });

  it('keeps working hours per person, with the workspace default', async () => {
    const initial = (await call(rep, 'GET', '/calendar/settings')).json();
    expect(initial).toMatchObject({ workDays: [1, 2, 3, 4, 5], workStart: '08:00', workEnd: '17:00', timeZone: 'Europe/Bucharest', country: 'RO', feed: { active: false } });
    const set = await call(rep, 'PUT', '/calendar/settings', { workDays: [1, 2, 3, 4], workStart: '07:30', workEnd: '15:30' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ workDays: [1, 2, 3, 4], workStart: '07:30', workEnd: '15:30' });
    expect((await call(rep, 'PUT', '/calendar/settings', { workDays: [1], workStart: '18:00', workEnd: '09:00' })).statusCode).toBe(400);
    expect((await call(rep, 'PUT', '/calendar/settings', { workDays: [8], workStart: '08:00', workEnd: '09:00' })).statusCode).toBe(400);
    // only administrators set the workspace's
    expect((await call(rep, 'PUT', '/calendar/workspace-settings', { country: 'PL' })).statusCode).toBe(403);
    const ws = await call(admin, 'PUT', '/calendar/workspace-settings', { country: 'PL', workingHours: { workDays: [1, 2, 3, 4, 5], workStart: '09:00', workEnd: '17:00' } });
    expect(ws.statusCode, ws.body).toBe(200);
    expect((await call(boss, 'GET', '/calendar/settings')).json()).toMatchObject({ country: 'PL', workStart: '09:00' });
    expect((await calendar(boss, '2026-12-24T00:00:00Z', '2026-12-27T00:00:00Z')).holidays.map((h) => h.key)).toContain('christmasEve');
    await call(admin, 'PUT', '/calendar/workspace-settings', { country: 'RO' });
  });
});

describe(`iCalendar feed (${testDatabaseKind})`, () => {
  const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });

  it('serves my events and tasks to a calendar app, parsed back by ical.js', async () => {
    const soon = new Date(Date.now() + 7 * 86_400_000);
    soon.setUTCHours(8, 0, 0, 0);
    const start = soon.toISOString();
    const end = new Date(soon.getTime() + 3_600_000).toISOString();
    const subject = 'Întâlnire: Kovács, Łódź; Шевченко\nрядок два';
    const single = await event(boss, { subject, startsAt: start, endsAt: end, location: 'Cluj-Napoca, str. Memorandumului 1', description: 'a\\b, c; d' });
    const series = await event(boss, {
      subject: 'Stand-up',
      startsAt: start,
      endsAt: new Date(soon.getTime() + 900_000).toISOString(),
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8',
    });
    // saved from its first Monday or Wednesday on, whatever day `soon` is
    expect(new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'Europe/Bucharest' }).format(new Date(series.startsAt))).toMatch(/^(Mon|Wed)$/);
    expect(new Date(series.endsAt!).getTime() - new Date(series.startsAt).getTime()).toBe(900_000);
    const skipped = await call(boss, 'POST', `/events/${series.id}/occurrences`, { occurrenceStart: series.startsAt, scope: 'this', version: 1, delete: true });
    expect(skipped.statusCode, skipped.body).toBe(200);
    const task = (await call(boss, 'POST', '/tasks', { title: 'Sună-l pe Mykola (Микола)', dueAt: end })).json();
    await event(rep, { subject: 'Not in the boss feed', startsAt: start, endsAt: end });
    const old = await event(boss, { subject: 'Long ago', startsAt: '2020-01-01T08:00:00Z', endsAt: '2020-01-01T09:00:00Z' });

    const made = await call(boss, 'POST', '/calendar/feed-token');
    expect(made.statusCode, made.body).toBe(201);
    const { url, token } = made.json();
    expect(url).toBe(`http://localhost:3000/ical/${token}.ics`);
    expect((await call(boss, 'GET', '/calendar/settings')).json().feed.active).toBe(true);
    // no session needed
    const res = await fetchFeed(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    const root = new ICAL.Component(ICAL.parse(res.body));
    for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevents = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = new Map(vevents.map((e) => [e.uid, e]));
    expect(byUid.has(`${old.id}@kontakt-crm`)).toBe(false);
    expect([...byUid.values()].some((e) => e.summary === 'Not in the boss feed')).toBe(false);

    const one = byUid.get(`${single.id}@kontakt-crm`)!;
    expect(one.summary).toBe(subject);
    expect(one.location).toBe('Cluj-Napoca, str. Memorandumului 1');
    expect(one.description).toBe('a\\b, c; d');
    expect(one.startDate.toJSDate().toISOString()).toBe(start);
    expect(one.endDate.toJSDate().toISOString()).toBe(end);
    expect(one.startDate.zone?.tzid).toBe('UTC');

    const rec = byUid.get(`${series.id}@kontakt-crm`)!;
    expect(rec.isRecurring()).toBe(true);
    expect(res.body).toContain('\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8\r\n');
    expect((rec.component.getFirstPropertyValue('rrule') as ICAL.Recur).toJSON()).toMatchObject({ freq: 'WEEKLY', count: 8, byday: ['MO', 'WE'] });
    expect(rec.startDate.zone?.tzid).toBe('Europe/Bucharest');
    expect(rec.startDate.toJSDate().toISOString()).toBe(new Date(series.startsAt).toISOString());
    // ical.js expands the series like the calendar does (the first occurrence excluded by EXDATE)
    const feedStarts: string[] = [];
    const iterator = rec.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (!rec.component.getAllProperties('exdate').some((p) => p.getValues().some((v) => (v as ICAL.Time).compare(next!) === 0))) {
        feedStarts.push(next.toJSDate().toISOString());
      }
    }
    const fromApi = (await calendar(boss, new Date(soon.getTime() - 86_400_000).toISOString(), new Date(soon.getTime() + 60 * 86_400_000).toISOString())).items
      .filter((i) => i.id === series.id)
      .map((i) => i.startsAt);
    expect(feedStarts).toEqual(fromApi);
    expect(fromApi).toHaveLength(7);

    const todo = byUid.get(`task-${task.id}@kontakt-crm`)!;
    expect(todo.summary).toBe('Sună-l pe Mykola (Микола)');
    expect(todo.startDate.toJSDate().toISOString()).toBe(end);
  });

  it('starts a series made on any weekday on the first day its rule selects; the API and ical.js give the same occurrences', async () => {
    const feed = (await call(other, 'POST', '/calendar/feed-token')).json();
    const monday = new Date(Date.now() + 7 * 86_400_000);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    monday.setUTCHours(7, 0, 0, 0);
    const made = [];
    for (let offset = 0; offset < 7; offset++) {
      const startsAt = new Date(monday.getTime() + offset * 86_400_000);
      made.push(
        await event(other, {
          subject: `Series ${offset}`,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 1_800_000).toISOString(),
          timeZone: 'Europe/Bucharest',
          rrule: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5',
        }),
      );
    }
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'Europe/Bucharest' });
    // Monday → Tuesday, Tuesday stays, Wednesday → Thursday, Thursday stays, Friday to Sunday → the next Tuesday
    const expectedShift = [1, 0, 1, 0, 4, 3, 2];
    made.forEach((series, offset) => {
      expect(weekday.format(new Date(series.startsAt))).toMatch(/^(Tue|Thu)$/);
      expect(new Date(series.startsAt).getTime() - monday.getTime()).toBe((offset + expectedShift[offset]!) * 86_400_000);
      expect(new Date(series.endsAt!).getTime() - new Date(series.startsAt).getTime()).toBe(1_800_000);
    });
    const res = await fetchFeed(feed.url);
    expect(res.statusCode, res.body).toBe(200);
    const root = new ICAL.Component(ICAL.parse(res.body));
    for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const byUid = new Map(root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).map((e) => [e.uid, e]));
    const items = (await calendar(other, monday.toISOString(), new Date(monday.getTime() + 40 * 86_400_000).toISOString())).items;
    for (const series of made) {
      const iterator = byUid.get(`${series.id}@kontakt-crm`)!.iterator();
      const fromFeed: string[] = [];
      for (let next = iterator.next(); next; next = iterator.next()) fromFeed.push(next.toJSDate().toISOString());
      const fromApi = items.filter((i) => i.id === series.id).map((i) => i.startsAt);
      expect(fromApi).toHaveLength(5);
      expect(fromFeed).toEqual(fromApi);
    }
    // a rule that selects nothing from the start on is refused with a reason, and nothing is saved
    const refused = await call(other, 'POST', '/events', {
      kind: 'meeting',
      subject: 'Never',
      startsAt: monday.toISOString(),
      endsAt: new Date(monday.getTime() + 1_800_000).toISOString(),
      rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ path: 'rrule' });
  });

  it('rotates and revokes the token: the old URL stops working; unknown tokens get 404', async () => {
    const first = (await call(rep, 'POST', '/calendar/feed-token')).json();
    expect((await fetchFeed(first.url)).statusCode).toBe(200);
    const second = (await call(rep, 'POST', '/calendar/feed-token')).json();
    expect(second.token).not.toBe(first.token);
    expect((await fetchFeed(first.url)).statusCode).toBe(404);
    expect((await fetchFeed(second.url)).statusCode).toBe(200);
    // only the hash is stored
    const row = await t.ctx.db.selectFrom('calendarSetting').select('feedTokenHash').where('userId', '=', rep.userId).executeTakeFirstOrThrow();
    expect(row.feedTokenHash).not.toContain(second.token);
    expect(row.feedTokenHash).toHaveLength(64);
    const revoked = await call(rep, 'DELETE', '/calendar/feed-token');
    expect(revoked.statusCode).toBe(204);
    expect((await fetchFeed(second.url)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/ical/nonsense.ics' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/ical/${'x'.repeat(43)}.ics` })).statusCode).toBe(404);
  });
});
