import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let ana: SignedIn;
let bogdan: SignedIn;
let other: SignedIn;
let roomId: string;
const own = { activities: { read: 'own', create: 'own', update: 'own', delete: 'own' } } as const;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  ana = await addUser(t, admin.workspaceId, { grants: own, name: 'Ana Pop' });
  bogdan = await addUser(t, admin.workspaceId, { grants: own, name: 'Bogdan Ene' });
  other = await setupWorkspace(t);
  const room = await call(admin, 'POST', '/resources', { name: 'Sala Mare', kind: 'room', capacity: 12, location: 'Etaj 2' });
  expect(room.statusCode, room.body).toBe(201);
  roomId = room.json().id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const book = (who: SignedIn, startsAt: string, endsAt: string, title = 'Ședință', resourceId = roomId) =>
  call(who, 'POST', '/reservations', { resourceId, title, startsAt, endsAt });

describe(`resources and reservations (${testDatabaseKind})`, () => {
  it('lets administrators keep the resources; members read them and cannot change them', async () => {
    expect((await call(ana, 'GET', '/resources')).json().data.map((r: { name: string }) => r.name)).toEqual(['Sala Mare']);
    expect((await call(ana, 'POST', '/resources', { name: 'Dacia Logan B-123-ABC', kind: 'car' })).statusCode).toBe(403);
    const car = await call(admin, 'POST', '/resources', { name: 'Dacia Logan B-123-ABC', kind: 'car', capacity: 0 });
    expect(car.statusCode).toBe(400);
    expect(car.json().errors[0].path).toBe('capacity');
  });

  it('books a free slot and refuses an overlapping one with a clear message, leaving nothing behind', async () => {
    const first = await book(ana, '2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', 'Întâlnire cu Petrom');
    expect(first.statusCode, first.body).toBe(201);
    const clash = await book(bogdan, '2026-12-01T09:30:00Z', '2026-12-01T11:00:00Z');
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      code: 'CONFLICT',
      detail: 'Sala Mare is already reserved 01/12/2026, 09:00–01/12/2026, 10:00 UTC',
      errors: [{ path: 'startsAt', message: 'validation.reservationConflict' }],
      conflict: { startsAt: '2026-12-01T09:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' },
    });
    // touching ends are not an overlap
    expect((await book(bogdan, '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z')).statusCode).toBe(201);
    const count = await t.ctx.db.selectFrom('reservation').select((eb) => eb.fn.countAll().as('n')).where('resourceId', '=', roomId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('refuses an end before the start and moves into a taken slot; a moved booking frees its old time', async () => {
    const backwards = await book(ana, '2026-12-02T10:00:00Z', '2026-12-02T09:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ path: 'endsAt', message: 'validation.endBeforeStart' }]);
    const mine = (await book(ana, '2026-12-02T12:00:00Z', '2026-12-02T13:00:00Z')).json();
    const move = await call(ana, 'PATCH', `/reservations/${mine.id}`, { startsAt: '2026-12-01T09:30:00Z', endsAt: '2026-12-01T09:45:00Z', version: mine.version });
    expect(move.statusCode).toBe(409);
    // its own old slot does not count against it
    const shift = await call(ana, 'PATCH', `/reservations/${mine.id}`, { startsAt: '2026-12-02T12:30:00Z', endsAt: '2026-12-02T13:30:00Z', version: mine.version });
    expect(shift.statusCode).toBe(200);
    expect((await book(bogdan, '2026-12-02T12:00:00Z', '2026-12-02T12:30:00Z')).statusCode).toBe(201);
  });

  it('of two simultaneous bookings of one slot exactly one lands', async () => {
    const results = await Promise.all([
      book(ana, '2026-12-03T09:00:00Z', '2026-12-03T10:00:00Z', 'A'),
      book(bogdan, '2026-12-03T09:15:00Z', '2026-12-03T09:45:00Z', 'B'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses bookings of an inactive resource', async () => {
    const van = (await call(admin, 'POST', '/resources', { name: 'Duba Ford', kind: 'car', active: false })).json();
    const res = await book(ana, '2026-12-04T09:00:00Z', '2026-12-04T10:00:00Z', 'Livrare', van.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toBe('validation.resourceInactive');
  });

  it('shows when a resource is busy: titles only of bookings you may read', async () => {
    const busy = await call(bogdan, 'GET', `/resources/${roomId}/busy?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z`);
    expect(busy.statusCode).toBe(200);
    expect(busy.json().data.map((b: { title: string | null; ownerName: string }) => [b.title, b.ownerName])).toEqual([
      [null, 'Ana Pop'],
      ['Ședință', 'Bogdan Ene'],
    ]);
    expect((await call(bogdan, 'GET', `/resources/${roomId}/busy?from=2026-12-01T00:00:00Z&to=2027-12-01T00:00:00Z`)).statusCode).toBe(400);
  });

  it('keeps workspaces apart: another workspace can neither see nor book the room', async () => {
    expect((await call(other, 'GET', `/resources/${roomId}`)).statusCode).toBe(404);
    const foreign = await book(other, '2026-12-05T09:00:00Z', '2026-12-05T10:00:00Z');
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].path).toBe('resourceId');
    expect((await call(other, 'GET', `/resources/${roomId}/busy?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z`)).statusCode).toBe(404);
  });
});
