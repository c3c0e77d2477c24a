import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let partnerId: string;
let stages: { id: string; name: string }[];
const month = `${new Date().toISOString().slice(0, 7)}-01`;
const rights = { sales: { read: 'own', create: 'own', update: 'own' }, partners: { read: 'all' } } as const;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const stage = (name: string) => stages.find((s) => s.name === name)!.id;

async function opp(name: string, amount: string, currency: string, expectedClose: string, to: string[]) {
  let o = (await call(rep, 'POST', '/opportunities', { name, partnerId, amount, currency, expectedClose, source: 'trade fair' })).json();
  for (const s of to) {
    const moved = await call(rep, 'POST', `/opportunities/${o.id}/move`, { stageId: stage(s), version: o.version });
    expect(moved.statusCode, moved.body).toBe(200);
    o = moved.json();
  }
  return o;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: rights, name: 'Radu Vânzări' });
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Dunărea Impex SRL', country: 'RO' })).json().id;
  stages = (await call(rep, 'GET', '/pipelines/default')).json().stages;
  expect((await call(admin, 'PUT', '/exchange-rates', { validFrom: '2026-01-01', rates: [{ currency: 'RON', rate: '0.2010' }, { currency: 'PLN', rate: '0.2350' }] })).statusCode).toBe(200);
});
afterAll(() => t.close());

describe(`sales forecast, turnover and reports (${testDatabaseKind})`, () => {
  it('keeps exchange rates to the base currency, set by administrators', async () => {
    const rates = (await call(rep, 'GET', '/exchange-rates')).json();
    expect(rates.base).toBe('EUR');
    expect(rates.rates.map((r: { currency: string; rate: string }) => [r.currency, Number(r.rate)])).toEqual([['PLN', 0.235], ['RON', 0.201]]);
    expect((await call(rep, 'PUT', '/exchange-rates', { validFrom: '2026-01-01', rates: [{ currency: 'RON', rate: '1' }] })).statusCode).toBe(403);
    expect((await call(admin, 'PUT', '/exchange-rates', { validFrom: '2026-01-01', rates: [{ currency: 'EUR', rate: '1' }] })).json().errors).toEqual([{ path: 'rates', message: 'validation.baseCurrencyRate' }]);
    expect((await call(admin, 'PUT', '/exchange-rates', { validFrom: '2026-01-01', rates: [{ currency: 'RON', rate: '-1' }] })).statusCode).toBe(400);
  });

  it('forecasts the weighted pipeline per month and salesperson in the base currency', async () => {
    await opp('A', '10000.00', 'RON', '2027-01-15', ['2 Offer']);
    await opp('B', '2000.00', 'EUR', '2027-01-20', ['2 Offer', '3 Negotiation']);
    await opp('C', '5000.00', 'PLN', '2027-02-10', []);
    const res = await call(rep, 'GET', '/sales/forecast?from=2027-01-01&to=2027-03-31');
    expect(res.statusCode, res.body).toBe(200);
    // A: 10,000 RON × 0.201 = 2,010 EUR at 30 % = 603; B: 2,000 EUR at 60 % = 1,200; C: 5,000 PLN × 0.235 = 1,175 at 10 % = 117.50
    expect(res.json().rows.map((r: { period: string; amount: string; weighted: string; ownerName: string }) => [r.period, r.ownerName, r.amount, r.weighted])).toEqual([
      ['2027-01-01', 'Radu Vânzări', '4010.00', '1803.00'],
      ['2027-02-01', 'Radu Vânzări', '1175.00', '117.50'],
    ]);
    const quarters = (await call(rep, 'GET', '/sales/forecast?from=2027-01-01&to=2027-03-31&unit=quarter')).json().rows;
    expect(quarters.map((r: { period: string; weighted: string }) => [r.period, r.weighted])).toEqual([['2027-01-01', '1920.50']]);
  });

  it('names a currency without a rate instead of guessing, and counts again once the rate exists', async () => {
    await opp('D', '100000', 'HUF', '2027-01-31', []);
    const missing = await call(rep, 'GET', '/sales/forecast?from=2027-01-01&to=2027-03-31');
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ missing: ['HUF'], errors: [{ path: 'currency', message: 'validation.noRate' }] });
    await call(admin, 'PUT', '/exchange-rates', { validFrom: '2026-01-01', rates: [{ currency: 'HUF', rate: '0.00254' }] });
    const ok = (await call(rep, 'GET', '/sales/forecast?from=2027-01-01&to=2027-03-31')).json();
    expect(ok.rows[0].amount).toBe('4264.00');
    expect((await call(rep, 'GET', '/sales/forecast?from=2027-03-01&to=2027-01-01')).statusCode).toBe(400);
  });

  it('reports win rate, cycle length, lost reasons, sources and salespeople', async () => {
    await opp('Won', '3000.00', 'EUR', '2026-12-01', ['2 Offer', '3 Negotiation', '4 Sale']);
    const lost = (await call(rep, 'POST', '/opportunities', { name: 'Lost', partnerId, amount: '1000.00', currency: 'EUR', lostReason: 'Preț prea mare' })).json();
    expect((await call(rep, 'POST', `/opportunities/${lost.id}/move`, { stageId: stage('X Lost'), version: lost.version })).statusCode).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const f = (await call(rep, 'GET', `/sales/forecast?from=${today}&to=2027-12-31`)).json();
    expect(f).toMatchObject({ won: 1, lost: 1, winRate: 50 });
    expect(f.averageCycleDays).toBeGreaterThanOrEqual(0);
    const reasons = (await call(rep, 'GET', `/sales/reports/lostReasons?from=${today}&to=${today}`)).json().rows;
    expect(reasons).toEqual([{ key: 'Preț prea mare', count: '1', amount: '1000.00' }]);
    const sources = (await call(rep, 'GET', `/sales/reports/sources?from=${today}&to=${today}`)).json().rows;
    expect(sources.find((s: { key: string }) => s.key === 'trade fair')).toMatchObject({ won: '1', wonAmount: '3000.00', winRate: 100 });
    const people = (await call(rep, 'GET', `/sales/reports/salespeople?from=${today}&to=${today}`)).json().rows;
    expect(people).toEqual([expect.objectContaining({ key: 'Radu Vânzări', won: '1', lost: '1', winRate: 50 })]);
  });

  it('compares planned and actual turnover by product group, from confirmed orders only', async () => {
    const product = (await call(admin, 'POST', '/products', { code: 'CIM', name: 'Ciment', productGroup: 'Lianți' })).json().id;
    const o = await opp('Comandă', '500.00', 'RON', '2027-01-01', ['2 Offer', '3 Negotiation']);
    const order = (await call(rep, 'POST', `/opportunities/${o.id}/orders`, { lines: [{ productId: product, quantity: '10', unitPrice: '50' }, { description: 'Transport', quantity: '1', unitPrice: '100' }] })).json();
    const draftOnly = (await call(rep, 'GET', `/sales/turnover?from=${month}&to=2027-12-31`)).json();
    expect(draftOnly.rows).toEqual([]);
    expect((await call(rep, 'POST', `/orders/${order.id}/confirm`)).statusCode).toBe(200);
    expect((await call(admin, 'POST', '/sales-targets', { month, productGroup: 'Lianți', amount: '150.00' })).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/sales-targets', { month: '2026-11-15', productGroup: 'Lianți', amount: '1' })).statusCode).toBe(400);
    const byGroup = (await call(rep, 'GET', `/sales/turnover?from=${month}&to=2027-12-31`)).json();
    // 500 RON of cement (× 0.201 = 100.50 EUR) and 100 RON of transport without a group (20.10 EUR)
    expect(byGroup.rows.map((r: { label: string; planned: string; actual: string }) => [r.label, r.planned, r.actual])).toEqual([
      ['', '0.00', '20.10'],
      ['Lianți', '150.00', '100.50'],
    ]);
    const byOwner = (await call(rep, 'GET', `/sales/turnover?from=${month}&to=2027-12-31&by=owner`)).json();
    expect(byOwner.rows.map((r: { label: string; actual: string }) => [r.label, r.actual])).toEqual([['Radu Vânzări', '120.60']]);
  });

  it('draws the funnel of the default pipeline in numbers and amounts, for what the reader may see', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await call(rep, 'GET', `/sales/reports/funnel?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    // A (Offer), B (Negotiation), C and D (Presentation), Won, Lost, Comandă (Negotiation); in EUR:
    // A 2,010, B 2,000, C 1,175, D 254, Won 3,000, Lost 1,000, Comandă 100.50
    expect(res.json().rows.map((r: { key: string; reached: string; reachedAmount: string; current: string; currentAmount: string; conversion: number }) => [r.key, r.reached, r.reachedAmount, r.current, r.currentAmount, r.conversion])).toEqual([
      ['1 Presentation', '7', '9539.50', '2', '1429.00', 100],
      ['2 Offer', '4', '7110.50', '1', '2010.00', 57.1],
      ['3 Negotiation', '3', '5100.50', '2', '2100.50', 42.9],
      ['4 Sale', '1', '3000.00', '1', '3000.00', 14.3],
      ['X Lost', '1', '1000.00', '1', '1000.00', 14.3],
    ]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(rep, 'GET', `/sales/reports/funnel?from=${yesterday}&to=${yesterday}`)).json().rows.every((r: { reached: string }) => r.reached === '0')).toBe(true);
    expect((await call(rep, 'GET', '/sales/reports/funnel?from=2000-01-01&to=2020-01-01')).json().errors).toEqual([{ path: 'to', message: 'validation.periodTooLong' }]);
  });

  it('follows the leads of each source to conversion and won amounts (leads → converted → won)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const lead = async (name: string, leadSource: string, status = 'lead') => (await call(admin, 'POST', '/partners', { name, leadSource, status })).json();
    const l1 = await lead('Web Unu SRL', 'web');
    const l2 = await lead('Web Doi SRL', 'web');
    await lead('Web Trei SRL', 'web');
    const l4 = await lead('Târg Patru SRL', 'trade fair');
    await lead('Deja client SRL', 'web', 'prospect');
    const won = (await call(admin, 'POST', `/leads/${l1.id}/convert`, { amount: '5000.00', currency: 'EUR', expectedClose: '2027-03-01' })).json().opportunity;
    let o = won;
    for (const s of ['2 Offer', '3 Negotiation', '4 Sale']) o = (await call(admin, 'POST', `/opportunities/${o.id}/move`, { stageId: stage(s), version: o.version })).json();
    expect(o.stageId).toBe(stage('4 Sale'));
    // moved on by an edit rather than the convert button: converted all the same
    const edited = await call(admin, 'PATCH', `/partners/${l2.id}`, { status: 'prospect', version: l2.version });
    expect(edited.json().convertedAt).toBeTruthy();
    expect((await call(admin, 'POST', `/leads/${l4.id}/convert`, { amount: '1000.00', currency: 'RON' })).statusCode).toBe(201);
    const rows = (await call(admin, 'GET', `/sales/reports/leadSources?from=${today}&to=${today}`)).json().rows;
    expect(rows).toEqual([
      { key: 'web', leads: '3', converted: '2', opportunities: '1', won: '1', wonAmount: '5000.00', conversionRate: 66.7, winRate: 50 },
      { key: 'trade fair', leads: '1', converted: '1', opportunities: '1', won: '0', wonAmount: '0.00', conversionRate: 100, winRate: 0 },
    ]);
    // the salesperson reads every partner but only their own opportunities
    const theirs = (await call(rep, 'GET', `/sales/reports/leadSources?from=${today}&to=${today}`)).json().rows;
    expect(theirs.map((r: { key: string; leads: string; opportunities: string }) => [r.key, r.leads, r.opportunities])).toEqual([['web', '3', '0'], ['trade fair', '1', '0']]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(admin, 'GET', `/sales/reports/leadSources?from=${yesterday}&to=${yesterday}`)).json().rows).toEqual([]);
  });
});
