import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createCustomField } from '../../modules/admin/custom-field.service.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { listRecords } from './query.ts';
import { relativeRange, todayIn } from './relative-dates.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';

let database: Database;
let f: RecordsFixture;

const today = todayIn('Europe/Bucharest');
const day = (offset: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const A = 'Ștefan Țeposu';
const B = 'Kovács Béla';
const C = 'Шевченко';
const D = "Robert'); DROP TABLE test_item;--";
const E = 'Zed';

beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
  const defs = [
    { key: 'vip', type: 'select' as const, options: ['gold', 'silver'] },
    { key: 'level', type: 'number' as const },
    { key: 'since', type: 'date' as const },
    { key: 'loyal', type: 'boolean' as const },
    { key: 'colors', type: 'multiselect' as const, options: ['red', 'blue'] },
    { key: 'note', type: 'text' as const },
  ];
  for (const d of defs) {
    await createCustomField(database.db, f.admin, { entity: 'testItem', label: { en: d.key }, required: false, position: 0, ...d });
  }
  const rows = [
    [A, 'Client din Cluj', 5, 1.5, '100.00', true, day(0), 'open', ['vip', 'ro'], { vip: 'gold', level: 3, since: '2020-01-01', loyal: true, colors: ['red'], note: 'Ana' }, 30, f.admin.userId],
    [B, '50% off_deal', 10, null, '2500.50', false, day(-1), 'won', ['hu'], { level: 10, colors: ['blue', 'red'] }, -30, f.admin.userId],
    [C, null, null, 2.5, null, null, day(-10), 'lost', null, {}, null, f.admin.userId],
    [D, 'x', 1, 0, '0.00', true, day(-40), null, [], { vip: 'silver' }, null, f.admin.userId],
    [E, '5000 off', 7, 9, '10', false, day(3), 'open', ['vip'], { level: 3.5 }, null, f.member.userId],
  ] as const;
  for (const [name, notes, qty, score, amount, active, dueOn, status, tags, custom, minutes, owner] of rows) {
    // happened_at: local midnight of today in Bucharest ± minutes (tests the time zone of relative dates)
    const happened =
      minutes === null ? sql`null` : sql`((${today}::date)::timestamp at time zone 'Europe/Bucharest') + make_interval(mins => ${minutes}::int)`;
    await sql`insert into test_item (id, workspace_id, name, notes, qty, score, amount, active, due_on, status, tags, custom, happened_at, owner_id)
      values (${newId()}, ${f.ws}, ${name}, ${notes}, ${qty}, ${score}, ${amount}, ${active}, ${dueOn}, ${status},
        ${tags === null ? null : [...tags]}::text[], ${JSON.stringify(custom)}::jsonb, ${happened}, ${owner})`.execute(database.db);
  }
});
afterAll(() => database.close());

async function names(filter: unknown, extra: { q?: string; sort?: string } = {}) {
  const page = await listRecords(database.db, f.admin, itemEntity, { filter, limit: 500, sort: extra.sort ?? 'name', q: extra.q });
  return page.data.map((r) => r.name as string);
}
const sorted = (...list: string[]) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const leaf = (field: string, op: string, value?: unknown) => ({ field, op, value });

async function rejects(filter: unknown): Promise<{ path: string; message: string }> {
  try {
    await names(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    return (error as AppError).errors![0]!;
  }
  throw new Error('expected the filter to be rejected');
}

describe(`filter compiler (${testDatabaseKind})`, () => {
  it('compares with eq, ne (NULLs count as different), lt, lte, gt, gte, between', async () => {
    const byName = async (filter: unknown) => sorted(...(await names(filter)));
    expect(await byName(leaf('name', 'eq', E))).toEqual([E]);
    expect(await byName(leaf('status', 'ne', 'open'))).toEqual(sorted(B, C, D));
    expect(await byName(leaf('qty', 'lt', 5))).toEqual([D]);
    expect(await byName(leaf('qty', 'lte', 5))).toEqual(sorted(A, D));
    expect(await byName(leaf('qty', 'gt', 5))).toEqual(sorted(B, E));
    expect(await byName(leaf('qty', 'gte', 7))).toEqual(sorted(B, E));
    expect(await byName(leaf('qty', 'between', [2, 7]))).toEqual(sorted(A, E));
    expect(await byName(leaf('amount', 'gt', '500'))).toEqual([B]);
    expect(await byName(leaf('amount', 'eq', 100))).toEqual([A]);
    expect(await byName(leaf('score', 'lt', 2))).toEqual(sorted(A, D));
    expect(await byName(leaf('dueOn', 'eq', day(0)))).toEqual([A]);
    expect(await byName(leaf('dueOn', 'between', [day(-10), day(-1)]))).toEqual(sorted(B, C));
    expect(await byName(leaf('active', 'eq', true))).toEqual(sorted(A, D));
    expect(await byName(leaf('active', 'ne', true))).toEqual(sorted(B, C, E));
  });

  it('reads @me in a filter on a reference as the acting user (views "mine" for everyone)', async () => {
    expect(sorted(...(await names(leaf('ownerId', 'eq', '@me'))))).toEqual(sorted(A, B, C, D));
    expect(await names(leaf('ownerId', 'ne', '@me'))).toEqual([E]);
    expect(sorted(...(await names(leaf('ownerId', 'in', ['@me']))))).toEqual(sorted(A, B, C, D));
    const asMember = await listRecords(database.db, f.member, itemEntity, { filter: leaf('ownerId', 'eq', '@me'), limit: 500, sort: 'name' });
    expect(asMember.data.map((r) => r.name)).toEqual([E]);
    // only references: elsewhere it is just text
    expect(await names(leaf('name', 'eq', '@me'))).toEqual([]);
  });

  it('handles in, nin and isNull', async () => {
    expect(sorted(...(await names(leaf('qty', 'in', [1, 10]))))).toEqual(sorted(B, D));
    expect(sorted(...(await names(leaf('qty', 'nin', [1, 10]))))).toEqual(sorted(A, C, E));
    expect(sorted(...(await names(leaf('status', 'in', ['open', 'won']))))).toEqual(sorted(A, B, E));
    expect(await names(leaf('notes', 'isNull', true))).toEqual([C]);
    expect(sorted(...(await names(leaf('notes', 'isNull', false))))).toEqual(sorted(A, B, D, E));
    expect(await names(leaf('active', 'isNull', true))).toEqual([C]);
  });

  it('matches text case- and diacritics-insensitively, Cyrillic via transliteration', async () => {
    expect(await names(leaf('name', 'contains', 'stefan'))).toEqual([A]);
    expect(await names(leaf('name', 'contains', 'TEPOSU'))).toEqual([A]);
    expect(await names(leaf('name', 'startsWith', 'kov'))).toEqual([B]);
    expect(await names(leaf('name', 'endsWith', 'BELA'))).toEqual([B]);
    expect(await names(leaf('name', 'contains', 'shevchenko'))).toEqual([C]);
  });

  it('escapes LIKE wildcards in user input', async () => {
    expect(await names(leaf('notes', 'contains', '50%'))).toEqual([B]);
    expect(await names(leaf('notes', 'contains', '_'))).toEqual([B]);
    expect(await names(leaf('notes', 'contains', '\\'))).toEqual([]);
  });

  it('combines with and, or, not (not keeps rows without a value)', async () => {
    expect(sorted(...(await names({ or: [leaf('name', 'eq', E), leaf('qty', 'eq', 1)] })))).toEqual(sorted(D, E));
    expect(await names({ and: [leaf('status', 'eq', 'open'), leaf('qty', 'gt', 6)] })).toEqual([E]);
    expect(sorted(...(await names({ not: leaf('status', 'eq', 'open') })))).toEqual(sorted(B, C, D));
  });

  it('filters tags', async () => {
    expect(sorted(...(await names(leaf('tags', 'contains', 'vip'))))).toEqual(sorted(A, E));
    expect(sorted(...(await names(leaf('tags', 'in', ['hu', 'ro']))))).toEqual(sorted(A, B));
    expect(sorted(...(await names(leaf('tags', 'isNull', true))))).toEqual(sorted(C, D));
  });

  it('computes relative dates in the workspace time zone', async () => {
    const rel = (relative: string, op = 'eq') => leaf('dueOn', op, { relative });
    expect(await names(rel('today'))).toEqual([A]);
    expect(await names(rel('yesterday'))).toEqual([B]);
    expect(sorted(...(await names(rel('last_7_days'))))).toEqual(sorted(A, B));
    expect(sorted(...(await names(rel('last_30_days'))))).toEqual(sorted(A, B, C));
    expect(sorted(...(await names(rel('next_7_days'))))).toEqual(sorted(A, E));
    expect(sorted(...(await names(rel('today', 'lt'))))).toEqual(sorted(B, C, D));
    expect(sorted(...(await names(rel('today', 'gt'))))).toEqual([E]);
    // date-times: 00:30 today in Bucharest is today; 23:30 the evening before is yesterday
    expect(await names(leaf('happenedAt', 'eq', { relative: 'today' }))).toEqual([A]);
    expect(await names(leaf('happenedAt', 'eq', { relative: 'yesterday' }))).toEqual([B]);
    await database.db
      .updateTable('workspace')
      .set({ settings: JSON.stringify({ timeZone: 'America/New_York' }) })
      .where('id', '=', f.ws)
      .execute();
    const nyToday = todayIn('America/New_York');
    // In New York both instants (around 22:00 UTC the day before Bucharest's today) fall on one local day:
    // Bucharest's yesterday, which is New York's today or yesterday depending on the hour the test runs.
    const both = await names(leaf('happenedAt', 'eq', { relative: nyToday === today ? 'yesterday' : 'today' }));
    expect(sorted(...both)).toEqual(sorted(A, B));
    await database.db.updateTable('workspace').set({ settings: '{}' }).where('id', '=', f.ws).execute();
  });

  it('computes relative ranges with weeks starting on Monday', () => {
    // 2026-11-25 is a Wednesday
    expect(relativeRange('this_week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    expect(relativeRange('last_week', '2026-11-25')).toEqual({ from: '2026-11-16', to: '2026-11-23' });
    expect(relativeRange('this_week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    expect(relativeRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(relativeRange('this_quarter', '2026-11-25')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(relativeRange('this_year', '2026-11-25')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(relativeRange('last_30_days', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-02' });
    expect(relativeRange('next_30_days', '2026-12-15')).toEqual({ from: '2026-12-15', to: '2027-01-14' });
    expect(todayIn('Europe/Bucharest', new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-23');
    expect(todayIn('UTC', new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-22');
  });

  it('filters and sorts custom fields typed by their definitions', async () => {
    expect(await names(leaf('custom.vip', 'eq', 'gold'))).toEqual([A]);
    expect(sorted(...(await names(leaf('custom.level', 'gt', 3))))).toEqual(sorted(B, E));
    expect(await names(leaf('custom.level', 'lte', 3))).toEqual([A]);
    expect(await names(leaf('custom.since', 'lt', '2021-01-01'))).toEqual([A]);
    expect(await names(leaf('custom.loyal', 'eq', true))).toEqual([A]);
    expect(sorted(...(await names(leaf('custom.colors', 'contains', 'red'))))).toEqual(sorted(A, B));
    expect(await names(leaf('custom.colors', 'in', ['blue']))).toEqual([B]);
    expect(await names(leaf('custom.note', 'contains', 'ANA'))).toEqual([A]);
    const bySort = await names(leaf('custom.level', 'isNull', false), { sort: '-custom.level' });
    expect(bySort).toEqual([B, E, A]);
  });

  it('treats SQL-looking strings in filter values and q as data', async () => {
    expect(await names(leaf('name', 'eq', D))).toEqual([D]);
    expect(await names(leaf('name', 'contains', "'); drop table test_item;--"))).toEqual([D]);
    expect(await names(undefined, { q: 'DROP TABLE' })).toEqual([D]);
    expect(await names(undefined, { q: "' or 1=1 --" })).toEqual([]);
    const count = await sql<{ n: number }>`select count(*)::int as n from test_item`.execute(database.db);
    expect(count.rows[0]!.n).toBe(5);
  });

  it('quick search q matches every word in some searchable field', async () => {
    expect(await names(undefined, { q: 'kovacs' })).toEqual([B]);
    expect(await names(undefined, { q: 'stef cluj' })).toEqual([A]);
    expect(await names(undefined, { q: 'stef budapest' })).toEqual([]);
  });

  it('rejects unknown fields, wrong operators, bad values and oversized trees with the path', async () => {
    expect(await rejects(leaf('nope', 'eq', 1))).toMatchObject({ path: 'filter.field' });
    expect(await rejects(leaf('secretNote', 'eq', 'x'))).toMatchObject({ path: 'filter.field' });
    expect(await rejects(leaf('custom.unknown', 'eq', 'x'))).toMatchObject({ path: 'filter.field' });
    expect(await rejects({ and: [leaf('name', 'eq', 'x'), leaf('qty', 'contains', '1')] })).toMatchObject({ path: 'filter.and[1].op' });
    expect(await rejects(leaf('qty', 'eq', 'abc'))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('qty', 'eq', 1.5))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('status', 'eq', 'bogus'))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('active', 'eq', 'yes'))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('dueOn', 'eq', '2026-13-45x'))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('ownerId', 'eq', "1' or '1'='1"))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('dueOn', 'eq', { relative: 'last_century' }))).toMatchObject({ path: 'filter.value.relative' });
    expect(await rejects(leaf('qty', 'in', [1, 'x']))).toMatchObject({ path: 'filter.value[1]' });
    expect(await rejects(leaf('qty', 'in', Array.from({ length: 1001 }, (_, i) => i)))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('qty', 'between', [1]))).toMatchObject({ path: 'filter.value' });
    expect(await rejects(leaf('name', 'like', 'x'))).toMatchObject({ path: 'filter.op' });
    expect(await rejects({ field: 'name', op: 'eq', value: 'x', extra: 1 })).toMatchObject({ path: 'filter.extra' });
    expect(await rejects({ and: [] })).toMatchObject({ path: 'filter.and' });
    expect(await rejects('name = 1')).toMatchObject({ path: 'filter' });
    let deep: unknown = leaf('name', 'eq', 'x');
    for (let i = 0; i < 8; i++) deep = { not: deep };
    expect((await rejects(deep)).message).toContain('deeper');
    const wide = { or: Array.from({ length: 101 }, () => leaf('name', 'eq', 'x')) };
    expect((await rejects(wide)).message).toContain('100');
  });

  it('restricts rows to the actor’s scope', async () => {
    const page = await listRecords(database.db, f.member, itemEntity, { limit: 50 });
    expect(page.data.map((r) => r.name)).toEqual([E]);
  });
});
