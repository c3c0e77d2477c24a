import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { partnerEntity } from '../../modules/partners/partner.entity.ts';
import { orderBy, parseSort } from './sort-cursor.ts';

let t: TestApp;
const workspaces: Record<string, SignedIn> = {};

// Names as people of the region write them, Romanian ones with both the old (cedilla) and the right
// (comma below) ş ţ; given in an order that is neither the byte order nor the expected one.
const NAMES = ['Zeta', 'Țara Bârsei', 'Îndrumare', 'Şcoala Veche', 'Łódź Trans', 'Ţara', 'Öko', 'Școala Nouă', 'Ana', 'Şcoala', 'Ábel'];
// Î, Ł, Ö, Ş, Ţ with their letters, before Z; ş/ș and ţ/ț one letter (the words after them decide)
const EXPECTED = ['Ábel', 'Ana', 'Îndrumare', 'Łódź Trans', 'Öko', 'Şcoala', 'Școala Nouă', 'Şcoala Veche', 'Ţara', 'Țara Bârsei', 'Zeta'];

beforeAll(async () => {
  t = await createTestApp();
  for (const locale of ['ro', 'pl', 'hu', 'uk']) {
    const admin = await setupWorkspace(t, { locale });
    workspaces[locale] = admin;
    for (const name of NAMES) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/partners', headers: admin.headers, payload: { name, country: 'RO' } });
      expect(res.statusCode).toBe(201);
    }
  }
});
afterAll(() => t.close());

async function names(who: SignedIn, sort: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ sort, limit: String(limit), fields: 'id,name', ...(cursor ? { cursor } : {}) });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/partners?${query}`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    const page = res.json() as { data: { name: string }[]; nextCursor: string | null };
    out.push(...page.data.map((p) => p.name));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe(`lists sort text as people read it (${testDatabaseKind})`, () => {
  it('sorts names with the letters of the region among their alphabet, in both directions and page by page', async () => {
    for (const who of Object.values(workspaces)) {
      expect(await names(who, 'name', 100)).toEqual(EXPECTED);
      // keyset cursors follow the same order
      expect(await names(who, 'name', 2)).toEqual(EXPECTED);
      expect(await names(who, '-name', 3)).toEqual([...EXPECTED].reverse());
      // a second key after a text key
      expect(await names(who, 'status,name', 4)).toEqual(EXPECTED);
    }
  });

  it('reads a text sort from its index, not by sorting the table', async () => {
    const admin = workspaces.ro!;
    const plan = await t.ctx.db.transaction().execute(async (trx) => {
      // the test table is small: make the planner show whether an index can give this order at all
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select t.id from partner t
        where t.workspace_id = ${admin.workspaceId}::uuid and t.deleted_at is null
        order by ${orderBy(parseSort('name', partnerEntity, []))} limit 50`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    // the ORDER BY the lists send, as the engine builds it
    expect(plan).toContain('partner_ws_name');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
