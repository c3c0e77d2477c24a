import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { multipartFile } from '../../test/files.ts';
import { pdfText } from '../../test/pdf-text.ts';

let t: TestApp;
let admin: SignedIn;
let reader: SignedIn;
let other: SignedIn;
let brick: string;
let cement: string;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  reader = await addUser(t, admin.workspaceId, { grants: { sales: { read: 'all', export: 'all' } } });
  other = await setupWorkspace(t);
  const a = await call(admin, 'POST', '/products', { code: 'CR-01', name: 'Cărămidă plină (Ziegel, цегла)', unit: 'buc', productGroup: 'Zidărie', cost: '1.2500', costCurrency: 'RON', vatRate: 19, characteristics: { dimensiuni: '240×115×63 mm' } });
  expect(a.statusCode, a.body).toBe(201);
  brick = a.json().id;
  cement = (await call(admin, 'POST', '/products', { code: 'CIM-42', name: 'Ciment Portland 42,5 — sac 40 kg', unit: 'sac', productGroup: 'Lianți', vatRate: 19 })).json().id;
});
afterAll(() => t.close());

describe(`products and price lists (${testDatabaseKind})`, () => {
  it('keeps product codes unique per workspace and checks amounts', async () => {
    const dup = await call(admin, 'POST', '/products', { code: 'cr-01', name: 'Alta' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ path: 'code', message: 'validation.codeTaken' }]);
    expect((await call(other, 'POST', '/products', { code: 'CR-01', name: 'Same code elsewhere' })).statusCode).toBe(201);
    const badCost = await call(admin, 'POST', '/products', { code: 'X1', name: 'X', cost: '1.23456' });
    expect(badCost.statusCode).toBe(400);
    expect(badCost.json().errors[0].path).toBe('cost');
    expect((await call(reader, 'POST', '/products', { code: 'R1', name: 'Reader' })).statusCode).toBe(403);
    expect((await call(reader, 'GET', `/products/${brick}`)).json()).toMatchObject({ code: 'CR-01', characteristics: { dimensiuni: '240×115×63 mm' } });
  });

  it('shows a photo attached to the product, only an image of that product', async () => {
    // a real 1×1 PNG (signature, IHDR, IDAT, IEND)
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const attach = async (product: string, name: string, content: Buffer) => {
      const body = multipartFile(name, content);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/attachments?entity=product&recordId=${product}`, payload: body.payload, headers: { ...admin.headers, ...body.headers } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; mimeType: string };
    };
    const photo = await attach(brick, 'caramida.png', png);
    expect(photo.mimeType).toBe('image/png');
    const version = (await call(admin, 'GET', `/products/${brick}`)).json().version;
    const set = await call(admin, 'PATCH', `/products/${brick}`, { photoAttachmentId: photo.id, version });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().photoAttachmentId).toBe(photo.id);
    // a text file, or another product's image, is no photo of this one; nothing changes
    const sheet = await attach(brick, 'fisa.txt', Buffer.from('Fișă tehnică'));
    const notImage = await call(admin, 'PATCH', `/products/${brick}`, { photoAttachmentId: sheet.id, version: version + 1 });
    expect([notImage.statusCode, notImage.json().errors]).toEqual([400, [{ path: 'photoAttachmentId', message: 'validation.photoNotImage' }]]);
    const cementPhoto = await attach(cement, 'ciment.png', png);
    const foreign = await call(admin, 'PATCH', `/products/${brick}`, { photoAttachmentId: cementPhoto.id, version: version + 1 });
    expect([foreign.statusCode, foreign.json().errors]).toEqual([400, [{ path: 'photoAttachmentId', message: 'validation.photoNotAttached' }]]);
    expect((await call(admin, 'GET', `/products/${brick}`)).json()).toMatchObject({ photoAttachmentId: photo.id, version: version + 1 });
    const cleared = await call(admin, 'PATCH', `/products/${brick}`, { photoAttachmentId: null, version: version + 1 });
    expect(cleared.json().photoAttachmentId).toBeNull();
  });

  it('refuses two price lists of a kind and currency that overlap in time; other kinds and later periods are fine', async () => {
    const first = await call(admin, 'POST', '/price-lists', { name: 'Retail 2026', kind: 'retail', currency: 'RON', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(first.statusCode, first.body).toBe(201);
    const overlap = await call(admin, 'POST', '/price-lists', { name: 'Retail vară', kind: 'retail', currency: 'RON', validFrom: '2026-06-01', validTo: '2026-08-31' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ detail: 'The price list "Retail 2026" (2026-01-01 – 2026-12-31) covers part of this period', errors: [{ path: 'validFrom', message: 'validation.priceListOverlap' }] });
    const open = await call(admin, 'POST', '/price-lists', { name: 'Retail 2027+', kind: 'retail', currency: 'RON', validFrom: '2027-01-01' });
    expect(open.statusCode).toBe(201);
    expect((await call(admin, 'POST', '/price-lists', { name: 'Later still', kind: 'retail', currency: 'RON', validFrom: '2030-01-01' })).statusCode).toBe(409);
    expect((await call(admin, 'POST', '/price-lists', { name: 'Angro 2026', kind: 'wholesale', currency: 'RON', validFrom: '2026-01-01', validTo: '2026-12-31' })).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/price-lists', { name: 'EUR 2026', kind: 'retail', currency: 'EUR', validFrom: '2026-03-01' })).statusCode).toBe(201);
    const backwards = await call(admin, 'POST', '/price-lists', { name: 'Înapoi', kind: 'delivery', currency: 'RON', validFrom: '2026-05-01', validTo: '2026-04-01' });
    expect(backwards.json().errors).toEqual([{ path: 'validTo', message: 'validation.endBeforeStart' }]);
  });

  it('sets prices in a list, audited; refuses bad prices and foreign products, writing nothing', async () => {
    const lists = (await call(admin, 'GET', '/price-lists?sort=name')).json().data;
    const retail = lists.find((l: { name: string }) => l.name === 'Retail 2026').id;
    const retail27 = lists.find((l: { name: string }) => l.name === 'Retail 2027+').id;
    const set = await call(admin, 'PUT', `/price-lists/${retail}/items`, { items: [{ productId: brick, price: '2.10' }, { productId: cement, price: '32.5' }] });
    expect(set.json()).toEqual({ changed: 2 });
    await call(admin, 'PUT', `/price-lists/${retail27}/items`, { items: [{ productId: brick, price: '2.35' }] });
    const negative = await call(admin, 'PUT', `/price-lists/${retail}/items`, { items: [{ productId: brick, price: '-1' }] });
    expect(negative.statusCode).toBe(400);
    const foreign = (await call(other, 'GET', '/products')).json().data[0].id;
    const cross = await call(admin, 'PUT', `/price-lists/${retail}/items`, { items: [{ productId: brick, price: '9.99' }, { productId: foreign, price: '1' }] });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().errors).toEqual([{ path: 'items.1.productId', message: 'No such product' }]);
    const items = (await call(reader, 'GET', `/price-lists/${retail}/items`)).json().data;
    expect(items.map((i: { code: string; price: string }) => [i.code, Number(i.price)])).toEqual([['CIM-42', 32.5], ['CR-01', 2.1]]);
    expect((await call(reader, 'PUT', `/price-lists/${retail}/items`, { items: [{ productId: brick, price: '1' }] })).statusCode).toBe(403);
    // the price history of the brick, and its price on a day
    const history = (await call(reader, 'GET', `/products/${brick}/prices`)).json().data;
    expect(history.map((h: { listName: string; price: string }) => [h.listName, Number(h.price)])).toEqual([['Retail 2027+', 2.35], ['Retail 2026', 2.1]]);
    const onDay = (await call(reader, 'GET', `/products/${brick}/prices?on=2026-07-15`)).json().data;
    expect(onDay.map((h: { listName: string }) => h.listName)).toEqual(['Retail 2026']);
    const audit = (await call(admin, 'GET', `/price-lists/${retail}/history`)).json().data;
    expect(audit.some((h: { changes: Record<string, unknown> }) => `price.${brick}` in (h.changes ?? {}))).toBe(true);
  });

  it('prints the price list as PDF with every letter of the region, and as XLSX', async () => {
    const retail = (await call(admin, 'GET', '/price-lists?sort=name')).json().data.find((l: { name: string }) => l.name === 'Retail 2026').id;
    const pdf = await call(reader, 'GET', `/price-lists/${retail}/export?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Cărămidă plină (Ziegel, цегла)');
    expect(text).toContain('Ciment Portland 42,5 — sac 40 kg');
    expect(text).toContain('2026-01-01 – 2026-12-31');
    const xlsx = await call(reader, 'GET', `/price-lists/${retail}/export?format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(4).values).toEqual([undefined, 'CIM-42', 'Ciment Portland 42,5 — sac 40 kg', 'Lianți', 'sac', 19, 32.5]);
    expect((await call(other, 'GET', `/price-lists/${retail}/export`)).statusCode).toBe(404);
  });
});
