import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { vatTreatment } from './documents.entity.ts';
import { expireOffers } from './documents.service.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let rep2: SignedIn;
let other: SignedIn;
let partnerId: string;
let productId: string;
let stages: { id: string; name: string }[];
const year = new Date().getFullYear();
const today = new Date().toISOString().slice(0, 10);
const rights = { sales: { read: 'own', create: 'own', update: 'own', delete: 'own', export: 'own' }, partners: { read: 'all', update: 'all' } } as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
const stage = (name: string) => stages.find((s) => s.name === name)!.id;

async function opportunity(who: SignedIn, toStage: string, extra: object = {}) {
  let opp = (await call(who, 'POST', '/opportunities', { name: 'Livrare ciment', partnerId, amount: '5000.00', currency: 'RON', expectedClose: '2027-03-01', ...extra })).json();
  for (const name of ['2 Offer', '3 Negotiation']) {
    if (stages.findIndex((s) => s.name === name) > stages.findIndex((s) => s.name === toStage)) break;
    opp = (await call(who, 'POST', `/opportunities/${opp.id}/move`, { stageId: stage(name), version: opp.version })).json();
  }
  return opp;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: rights, name: 'Radu Vânzări' });
  rep2 = await addUser(t, admin.workspaceId, { grants: rights, name: 'Ana Alta' });
  other = await setupWorkspace(t);
  partnerId = (await call(admin, 'POST', '/partners', { name: 'Construcții Moldova SRL', country: 'RO', city: 'Iași', email: 'achizitii@constructii-moldova.ro' })).json().id;
  productId = (await call(admin, 'POST', '/products', { code: 'CIM-42', name: 'Ciment Portland 42,5 — sac 40 kg', unit: 'sac' })).json().id;
  const list = (await call(admin, 'POST', '/price-lists', { name: 'Retail', kind: 'retail', currency: 'RON', validFrom: `${year}-01-01` })).json();
  await call(admin, 'PUT', `/price-lists/${list.id}/items`, { items: [{ productId, price: '32.50' }] });
  stages = (await call(rep, 'GET', '/pipelines/default')).json().stages;
});
afterAll(() => t.close());

describe(`offers and orders (${testDatabaseKind})`, () => {
  it('makes an offer only from an opportunity in a stage that allows it, with exact totals and a series number', async () => {
    const early = await opportunity(rep, '1 Presentation');
    const refused = await call(rep, 'POST', `/opportunities/${early.id}/offers`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ detail: 'An offer cannot be made from an opportunity in the stage "1 Presentation"', errors: [{ path: 'stageId', message: 'validation.stageAllows.offer' }] });

    const opp = await opportunity(rep, '2 Offer');
    const res = await call(rep, 'POST', `/opportunities/${opp.id}/offers`, {
      validUntil: '2099-12-31',
      lines: [
        { productId, quantity: '3', discountPercent: '10' },
        { description: 'Transport Iași', quantity: '1', unitPrice: '150.00' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    // 3 × 32.50 − 10 % = 87.75 (+ 21 % VAT = 18.43); transport 150.00 (+ 31.50)
    expect(res.json()).toMatchObject({ number: `OF-${year}-0001`, status: 'draft', currency: 'RON', language: 'ro', subtotal: '237.75', vatTotal: '49.93', total: '287.68', partnerId, opportunityId: opp.id });
    const lines = (await call(rep, 'GET', `/offers/${res.json().id}/lines`)).json().data;
    expect(lines.map((l: { description: string; net: string; vatRate: string; unit: string }) => [l.description, l.unit, l.vatRate, l.net])).toEqual([
      ['Ciment Portland 42,5 — sac 40 kg', 'sac', '21.00', '87.75'],
      ['Transport Iași', 'pcs', '21.00', '150.00'],
    ]);
    const second = await call(rep, 'POST', `/opportunities/${opp.id}/offers`, {});
    expect(second.json().number).toBe(`OF-${year}-0002`);
    // the amount of the opportunity becomes the line when none is given
    expect(second.json().total).toBe('6050.00');
  });

  it('refuses bad lines (negative or over-precise quantities, unknown products, no price) and changes nothing', async () => {
    const offer = (await call(rep, 'GET', '/offers?sort=number')).json().data[0];
    const put = (lines: object[]) => call(rep, 'PUT', `/offers/${offer.id}/lines`, { version: offer.version, lines });
    expect((await put([{ description: 'X', quantity: '-1', unitPrice: '1' }])).statusCode).toBe(400);
    expect((await put([{ description: 'X', quantity: '1.12345', unitPrice: '1' }])).statusCode).toBe(400);
    expect((await put([{ description: 'X', quantity: '1', unitPrice: '1', discountPercent: '120' }])).statusCode).toBe(400);
    const foreign = (await call(other, 'POST', '/products', { code: 'F', name: 'Foreign' })).json().id;
    const unknown = await put([{ productId: foreign, quantity: '1' }]);
    expect(unknown.json().errors).toEqual([
      { path: 'lines.0.productId', message: 'No such product' },
      { path: 'lines.0.unitPrice', message: 'validation.noPrice' },
      { path: 'lines.0.description', message: 'validation.required' },
    ]);
    const stale = await call(rep, 'PUT', `/offers/${offer.id}/lines`, { version: offer.version + 5, lines: [] });
    expect(stale.statusCode).toBe(409);
    expect((await call(rep, 'GET', `/offers/${offer.id}`)).json()).toMatchObject({ total: '287.68', version: offer.version });
  });

  it('prints the offer in the partner language and e-mails it as PDF; a sent offer is locked', async () => {
    const offer = (await call(rep, 'GET', '/offers?sort=number')).json().data[0];
    const pdf = await call(rep, 'GET', `/offers/${offer.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain(`Ofertă Nr. OF-${year}-0001`);
    expect(text).toContain('Construcții Moldova SRL');
    expect(text).toContain('Ciment Portland 42,5 — sac 40 kg');
    expect(text).toContain('Total de plată: 287,68 RON');

    const sent = await call(rep, 'POST', `/offers/${offer.id}/send`, { message: 'Vă trimitem oferta.' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent' });
    const mail = await t.ctx.db.selectFrom('mailMessage').select(['toAddress', 'subject', 'attachments']).where('subject', 'like', `OF-${year}-0001%`).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: 'achizitii@constructii-moldova.ro', subject: `OF-${year}-0001 — Construcții Moldova SRL` });
    expect(JSON.stringify(mail[0]!.attachments)).toContain(`OF-${year}-0001.pdf`);
    const locked = await call(rep, 'PUT', `/offers/${offer.id}/lines`, { version: sent.json().version, lines: [] });
    expect(locked.statusCode).toBe(422);
  });

  it('turns an accepted offer into an order once the opportunity negotiates; orders go through their states', async () => {
    const offer = (await call(rep, 'GET', '/offers?sort=number')).json().data[0];
    expect((await call(rep, 'POST', `/offers/${offer.id}/order`)).statusCode).toBe(422);
    expect((await call(rep, 'POST', `/offers/${offer.id}/accept`)).json()).toMatchObject({ status: 'accepted' });
    const early = await call(rep, 'POST', `/offers/${offer.id}/order`);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([{ path: 'stageId', message: 'validation.stageAllows.order' }]);
    const opp = (await call(rep, 'GET', `/opportunities/${offer.opportunityId}`)).json();
    expect((await call(rep, 'POST', `/opportunities/${opp.id}/move`, { stageId: stage('3 Negotiation'), version: opp.version })).statusCode).toBe(200);
    const order = await call(rep, 'POST', `/offers/${offer.id}/order`);
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json()).toMatchObject({ number: `CMD-${year}-0001`, status: 'draft', total: '287.68', offerId: offer.id });
    const id = order.json().id;
    expect((await call(rep, 'POST', `/orders/${id}/deliver`)).statusCode).toBe(422);
    expect((await call(rep, 'POST', `/orders/${id}/confirm`)).json()).toMatchObject({ status: 'confirmed' });
    expect((await call(rep, 'POST', `/orders/${id}/deliver`)).json()).toMatchObject({ status: 'delivered' });
    expect((await call(rep, 'POST', `/orders/${id}/cancel`)).statusCode).toBe(422);
    // an order straight from an opportunity in negotiation; never from an earlier stage
    expect((await call(rep, 'POST', `/opportunities/${opp.id}/orders`, {})).statusCode).toBe(201);
    const early2 = await opportunity(rep, '2 Offer');
    expect((await call(rep, 'POST', `/opportunities/${early2.id}/orders`, {})).statusCode).toBe(422);
    // open offers and orders are on the partner's timeline
    await t.ctx.worker.drain();
    const timeline = (await call(admin, 'GET', `/partners/${partnerId}/timeline?limit=100`)).json().data;
    expect(timeline.some((e: { entity: string }) => e.entity === 'offer')).toBe(true);
    expect(timeline.some((e: { entity: string }) => e.entity === 'order')).toBe(true);
  });

  it('writes Polish and Ukrainian documents in their languages, with VAT by where seller and buyer are', async () => {
    // the seller is in Romania (the workspace): a Polish company with a VAT ID pays none (reverse charge),
    // a Polish buyer without one pays Romanian VAT, a Ukrainian buyer none (export)
    for (const [country, name, taxId, label, vatTotal, treatment, note] of [
      ['PL', 'Hurtownia Żuraw Sp. z o.o.', '5260250274', 'Oferta Nr', '0.00', 'reverse_charge', 'Odwrotne obciążenie'],
      ['PL', 'Sklep Bez NIP', undefined, 'Oferta Nr', '42.00', 'domestic', null],
      ['UA', 'ТОВ «Київбуд»', undefined, 'Комерційна пропозиція №', '0.00', 'export', 'Експорт: ПДВ 0 %'],
    ] as const) {
      const p = (await call(admin, 'POST', '/partners', { name, country, ...(taxId ? { taxId } : {}) })).json().id;
      const opp = await opportunity(rep, '2 Offer', { partnerId: p });
      const offer = (await call(rep, 'POST', `/opportunities/${opp.id}/offers`, { lines: [{ description: 'Usługa / Послуга', quantity: '2', unitPrice: '100' }] })).json();
      const text = (await pdfText((await call(rep, 'GET', `/offers/${offer.id}/pdf`)).rawPayload)).replace(/\s+/g, ' ');
      expect(text).toContain(label);
      expect(text).toContain(name);
      expect([offer.vatTotal, offer.vatTreatment]).toEqual([vatTotal, treatment]);
      if (note) expect(text).toContain(note);
      else expect(text).not.toMatch(/Odwrotne|Eksport/);
    }
  });

  it('expires sent offers past their validity; keeps offers to their owners and workspace', async () => {
    const opp = await opportunity(rep, '2 Offer');
    const offer = (await call(rep, 'POST', `/opportunities/${opp.id}/offers`, { validUntil: today })).json();
    await call(rep, 'POST', `/offers/${offer.id}/send`, {});
    await t.ctx.db.updateTable('offer').set({ validUntil: '2020-01-01' }).where('id', '=', offer.id).execute();
    expect(await expireOffers(t.ctx.db)).toBe(1);
    expect((await call(rep, 'GET', `/offers/${offer.id}`)).json().status).toBe('expired');
    expect((await call(rep2, 'GET', `/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', `/offers/${offer.id}/pdf`)).statusCode).toBe(404);
    expect((await call(rep2, 'POST', `/offers/${offer.id}/accept`)).statusCode).toBe(404);
  });
});

describe('VAT between countries', () => {
  it('is the seller\'s at home and for EU buyers without a VAT ID, none with reverse charge for EU companies, none for exports', () => {
    const company = (country: string | null, taxId: string | null = '123') => ({ country, taxId, kind: 'company' });
    expect(vatTreatment('RO', company('RO'))).toBe('domestic');
    expect(vatTreatment('RO', company(null))).toBe('domestic');
    expect(vatTreatment('HU', company('RO'))).toBe('reverse_charge');
    expect(vatTreatment('HU', company('de'))).toBe('reverse_charge');
    expect(vatTreatment('PL', company('HU', null))).toBe('domestic');
    expect(vatTreatment('PL', { country: 'DE', taxId: 'X', kind: 'person' })).toBe('domestic');
    expect(vatTreatment('RO', company('UA'))).toBe('export');
    expect(vatTreatment('UA', company('PL'))).toBe('export');
    expect(vatTreatment('UA', company('UA'))).toBe('domestic');
  });
});
