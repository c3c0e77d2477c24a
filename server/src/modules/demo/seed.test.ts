import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace, signIn } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { validateTaxId } from '../partners/tax-id.ts';
import { iban } from './demo-data.ts';
import { DEMO_PASSWORD, seedDemo } from './seed.ts';

let t: TestApp;
let first: SignedIn;
let second: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ env: { WORKSPACE_SIGNUP: 'open' } });
  first = await setupWorkspace(t);
  second = await setupWorkspace(t);
});
afterAll(() => t.close());

const partnersOf = (workspaceId: string) =>
  t.ctx.db.selectFrom('partner').select(['name', 'taxId', 'country', 'iban']).where('workspaceId', '=', workspaceId).orderBy('name').orderBy('taxId').execute();

describe(`demo workspace (${testDatabaseKind})`, () => {
  it('fills a workspace with colleagues, partners of four countries with valid tax IDs, contacts and bookings', async () => {
    const result = await seedDemo(t.ctx.db, first.workspaceId, first.userId);
    expect(result.skipped).toBe(false);
    expect(result.counts).toMatchObject({ orgUnits: 5, users: 8, partnerGroups: 3, partners: 120, resources: 3, reservations: 6 });
    expect(result.counts!.contacts).toBeGreaterThanOrEqual(120);
    const partners = await partnersOf(first.workspaceId);
    expect(partners).toHaveLength(120);
    expect(new Set(partners.map((p) => p.country))).toEqual(new Set(['RO', 'PL', 'HU', 'UA']));
    for (const p of partners) expect(validateTaxId(p.country, p.taxId!).ok, `${p.name} ${p.taxId}`).toBe(true);
    expect(partners.some((p) => /[ăâîșțłńśźżőűáéó]/i.test(p.name))).toBe(true);
    expect(partners.some((p) => /[а-яіїєґ]/i.test(p.name))).toBe(true);
    // Romanian partners' IBANs pass the partner rules too (they were saved through them)
    expect(partners.filter((p) => p.country === 'RO').every((p) => /^RO\d{2}[A-Z]{4}[0-9A-Z]{16}$/.test(p.iban ?? ''))).toBe(true);
    // the data is usable at once: a colleague signs in, search finds a partner without diacritics
    const colleague = await t.ctx.db.selectFrom('users').select('email').where('workspaceId', '=', first.workspaceId).where('isAdmin', '=', false).orderBy('email').executeTakeFirstOrThrow();
    expect(await signIn(t, colleague.email!, DEMO_PASSWORD)).toContain('session_token');
    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/partners?q=${encodeURIComponent('carpati')}`, headers: first.headers });
    expect(timeline.json().data.length).toBeGreaterThan(0);
  });

  it('brings sales and daily work: catalogue, opportunities in every stage, offers, a confirmed order, contracts, events, tasks — and the reports work at once', async () => {
    const { counts } = await seedDemo(t.ctx.db, first.workspaceId, first.userId);
    expect(counts).toMatchObject({ products: 6, opportunities: 40, contracts: 10 });
    expect(counts!.offers).toBeGreaterThan(0);
    expect(counts!.orders).toBeGreaterThan(0);
    expect(counts!.events).toBeGreaterThanOrEqual(60);
    expect(counts!.tasks).toBeGreaterThanOrEqual(40);
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: first.headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };
    const pipeline = await get('/pipelines/default');
    const board = (await get(`/pipelines/${pipeline.id}/board`)).data as { count: number; outcome: string }[];
    expect(board.filter((c) => c.count > 0).length).toBeGreaterThanOrEqual(4);
    // amounts in four currencies convert: the demo set the exchange rates
    const from = `${new Date().getUTCFullYear() - 1}-01-01`;
    const to = `${new Date().getUTCFullYear() + 1}-12-31`;
    expect((await get(`/sales/forecast?from=${from}&to=${to}`)).rows?.length ?? 1).toBeGreaterThan(0);
    const orders = (await get('/orders?limit=50')).data as { status: string }[];
    expect(orders.some((o) => o.status === 'confirmed')).toBe(true);
    const tasks = (await get('/tasks?limit=200')).data as { status: string }[];
    expect(new Set(tasks.map((x) => x.status))).toEqual(new Set(['open', 'in_progress', 'overdue', 'done']));
  });

  it('fills a workspace once, and the same way every time', async () => {
    const again = await seedDemo(t.ctx.db, first.workspaceId, first.userId);
    expect(again.skipped).toBe(true);
    expect(await partnersOf(first.workspaceId)).toHaveLength(120);
    const other = await seedDemo(t.ctx.db, second.workspaceId, second.userId);
    expect(other.skipped).toBe(false);
    const a = await partnersOf(first.workspaceId);
    const b = await partnersOf(second.workspaceId);
    expect(b.map((p) => [p.name, p.taxId])).toEqual(a.map((p) => [p.name, p.taxId]));
  });

  it('is done by an administrator only, and computes IBAN check digits by the standard', async () => {
    const member = await addUser(t, first.workspaceId, {});
    const third = await setupWorkspace(t);
    await expect(seedDemo(t.ctx.db, third.workspaceId, member.userId)).rejects.toThrow(/administrator/);
    expect(await t.ctx.db.selectFrom('demoSeed').select('workspaceId').where('workspaceId', '=', third.workspaceId).execute()).toEqual([]);
    expect(iban('GB', 'WEST12345698765432')).toBe('GB82WEST12345698765432');
  });

  it('fills a workspace signed up with "demo" in the background, signed in meanwhile', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces/sign-up',
      payload: { workspaceName: 'Demo Sp. z o.o.', name: 'Ewa Demo', email: 'ewa@demo-firma.pl', password: 'bardzo-dobre-haslo', locale: 'pl', demo: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { workspaceId } = res.json();
    expect(await partnersOf(workspaceId)).toHaveLength(0);
    await t.ctx.worker.drain();
    expect(await partnersOf(workspaceId)).toHaveLength(120);
    const groups = await t.ctx.db.selectFrom('partnerGroup').select('name').where('workspaceId', '=', workspaceId).orderBy('name').execute();
    expect(groups.map((g) => g.name)).toEqual(['Dostawcy', 'Dystrybutorzy', 'Kluczowi klienci']);
  });
});
