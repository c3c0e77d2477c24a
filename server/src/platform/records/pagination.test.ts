import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createCustomField } from '../../modules/admin/custom-field.service.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { AppError } from '../errors.ts';
import { listRecords } from './query.ts';
import { orderBy, parseSort } from './sort-cursor.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';

let database: Database;
let f: RecordsFixture;
const TOTAL = 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
  await createCustomField(database.db, f.admin, { entity: 'testItem', key: 'level', type: 'number', label: { en: 'Level' }, required: false, position: 0 });
  // Many duplicates and NULLs in every sort column; date-times differ by microseconds.
  await sql`insert into test_item (id, workspace_id, name, qty, score, status, due_on, happened_at, custom)
    select gen_random_uuid(), ${f.ws}::uuid, 'n' || (i % 50),
      case when i % 7 = 0 then null else i % 13 end,
      case when i % 5 = 0 then null else (i % 9) * 0.5 end,
      (array['open', 'won', 'lost', null])[i % 4 + 1],
      case when i % 3 = 0 then null else date '2026-01-01' + (i % 20) end,
      case when i % 4 = 0 then null else timestamptz '2026-01-01 00:00:00+00' + (i % 30) * interval '1 hour' + (i % 3) * interval '1 microsecond' end,
      case when i % 6 = 0 then '{}'::jsonb else jsonb_build_object('level', i % 11) end
    from generate_series(1, ${TOTAL}::int) as i`.execute(database.db);
});
afterAll(() => database.close());

async function walk(sort: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listRecords(database.db, f.admin, itemEntity, { sort, limit, cursor });
    ids.push(...page.data.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

describe(`keyset pagination (${testDatabaseKind})`, () => {
  for (const sort of ['status,-qty', '-score,name', '-custom.level,dueOn', '-happenedAt,-qty', 'qty,-dueOn,status', '-updatedAt', '-createdAt,-qty']) {
    it(`returns every row exactly once, in order, sorted by ${sort}`, async () => {
      const small = await walk(sort, 37);
      expect(small).toHaveLength(TOTAL);
      expect(new Set(small).size).toBe(TOTAL);
      const big = await walk(sort, 500);
      expect(small).toEqual(big);
    });
  }

  it('orders a never-NULL column plainly, as its index is, and other columns with NULLS LAST', () => {
    const compiled = (spec: string) => orderBy(parseSort(spec, itemEntity, [])).compile(database.db).sql;
    expect(compiled('-updatedAt')).toBe('"t"."updated_at" desc, "t"."id" asc');
    expect(compiled('-createdAt,qty')).toBe('"t"."created_at" desc, "t"."qty" asc nulls last, "t"."id" asc');
  });

  it('puts NULLs last in both directions', async () => {
    for (const sort of ['qty', '-qty']) {
      const rows: (number | null)[] = [];
      let cursor: string | undefined;
      do {
        const page = await listRecords(database.db, f.admin, itemEntity, { sort, limit: 300, cursor, fields: ['qty'] });
        rows.push(...page.data.map((r) => r.qty as number | null));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const firstNull = rows.indexOf(null);
      expect(firstNull).toBe(TOTAL - Math.floor(TOTAL / 7));
      expect(rows.slice(firstNull).every((v) => v === null)).toBe(true);
      const values = rows.slice(0, firstNull) as number[];
      expect(values).toEqual([...values].sort((a, b) => (sort === 'qty' ? a - b : b - a)));
    }
  });

  it('rejects a tampered cursor or one made for another sort', async () => {
    const page = await listRecords(database.db, f.admin, itemEntity, { sort: '-qty', limit: 10 });
    const cursor = page.nextCursor!;
    const data = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...data, v: ["1'; drop table test_item;--"] })).toString('base64url');
    for (const bad of [tampered, 'not-a-cursor', Buffer.from('{"s":1}').toString('base64url')]) {
      await expect(listRecords(database.db, f.admin, itemEntity, { sort: '-qty', cursor: bad })).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    }
    await expect(listRecords(database.db, f.admin, itemEntity, { sort: 'name', cursor })).rejects.toBeInstanceOf(AppError);
  });

  it('rejects sorting by unknown or unsortable fields and bad limits', async () => {
    await expect(listRecords(database.db, f.admin, itemEntity, { sort: 'notes' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(listRecords(database.db, f.admin, itemEntity, { sort: 'secretNote' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(listRecords(database.db, f.admin, itemEntity, { limit: 501 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(listRecords(database.db, f.admin, itemEntity, { fields: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
