import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { orthodoxEaster, publicHolidays, westernEaster } from './holidays.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('public holidays', () => {
  it('computes Western and Orthodox Easter for known years', () => {
    expect([2024, 2025, 2026, 2027].map((y) => day(westernEaster(y)))).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
    expect([2024, 2025, 2026, 2027].map((y) => day(orthodoxEaster(y)))).toEqual(['2024-05-05', '2025-04-20', '2026-04-12', '2027-05-02']);
  });

  it('lists Romania 2026 with Orthodox Easter and Pentecost and the new January days', () => {
    const ro = publicHolidays('RO', 2026);
    expect(ro.map((h) => h.date)).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-06', '2026-01-07', '2026-01-24', '2026-04-10', '2026-04-12', '2026-04-13',
      '2026-05-01', '2026-05-31', '2026-06-01', '2026-06-01', '2026-08-15', '2026-11-30', '2026-12-01', '2026-12-25', '2026-12-26',
    ]);
    expect(publicHolidays('RO', 2023).some((h) => h.key === 'epiphany')).toBe(false);
  });

  it('lists Poland, Hungary and Ukraine with their own feasts', () => {
    const pl = publicHolidays('PL', 2026);
    expect(pl.find((h) => h.key === 'corpusChristi')?.date).toBe('2026-06-04');
    expect(pl.find((h) => h.key === 'christmasEve')?.date).toBe('2026-12-24');
    expect(publicHolidays('PL', 2024).some((h) => h.key === 'christmasEve')).toBe(false);
    const hu = publicHolidays('HU', 2026);
    expect(hu.map((h) => h.key)).toContain('revolution1956');
    expect(hu.find((h) => h.key === 'goodFriday')?.date).toBe('2026-04-03');
    const ua = publicHolidays('UA', 2026);
    expect(ua.find((h) => h.key === 'easter')).toEqual({ date: '2026-04-12', key: 'easter', name: 'Великдень' });
    expect(ua.find((h) => h.key === 'christmas')?.date).toBe('2026-12-25');
    expect(ua.some((h) => h.date === '2026-01-07')).toBe(false);
  });
});

describe('holidays over the API', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupWorkspace(t);
  });
  afterAll(() => t.close());

  it('answers a country and year for signed-in users only, and refuses others', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/holidays?country=HU&year=2026', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().data[0]).toEqual({ date: '2026-01-01', key: 'newYear', name: 'Újév' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/holidays?country=DE&year=2026', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/holidays?country=RO&year=99999', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/holidays?country=RO&year=2026' })).statusCode).toBe(401);
  });
});
