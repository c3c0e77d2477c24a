import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';

let t: TestApp;
let ro: SignedIn;
let en: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  ro = await setupWorkspace(t, { locale: 'ro' });
  en = await setupWorkspace(t, { locale: 'en' });
  for (const user of [ro, en]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partners',
      headers: user.headers,
      payload: { name: 'Brașov Trans SRL', kind: 'company', status: 'customer', city: 'Brașov' },
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const exportCsv = (user: SignedIn, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/partners/export?format=csv${query}`, headers: user.headers });

describe('CSV export for the reader’s spreadsheets', () => {
  it('writes a Romanian user’s file with `;`, a BOM, the field labels and fixed values in Romanian', async () => {
    const res = await exportCsv(ro);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8');
    const header = text.slice(1, text.indexOf('\n'));
    expect(header.split(';')).toEqual(expect.arrayContaining(['Nume', 'Tip', 'Stare']));
    expect(header).not.toMatch(/\b(name|kind|status|taxId|createdAt)\b/);
    const [row] = parse(text, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(row).toMatchObject({ Nume: 'Brașov Trans SRL', Tip: 'Companie', Stare: 'Client' });
  });

  it('writes an English user’s file with `,` and English labels', async () => {
    const text = (await exportCsv(en)).rawPayload.toString('utf8');
    const [row] = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ Name: 'Brașov Trans SRL', Kind: 'Company', Status: 'Customer' });
  });

  it('takes another language and the separator chosen', async () => {
    const uk = (await exportCsv(ro, '&language=uk')).rawPayload.toString('utf8');
    const [ukRow] = parse(uk, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(ukRow).toMatchObject({ Назва: 'Brașov Trans SRL', Вид: 'Компанія', Статус: 'Клієнт' });

    const comma = (await exportCsv(ro, '&separator=comma')).rawPayload.toString('utf8');
    expect(comma.slice(1, comma.indexOf('\n'))).toContain('Nume,');
    const [row] = parse(comma, { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ Nume: 'Brașov Trans SRL', Stare: 'Client' });

    const semicolon = (await exportCsv(en, '&separator=semicolon')).rawPayload.toString('utf8');
    expect(semicolon.slice(1, semicolon.indexOf('\n'))).toContain('Name;');

    expect((await exportCsv(en, '&separator=tab')).statusCode).toBe(400);
  });

  it('writes XLSX headers in the reader’s language too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/partners/export?format=xlsx&language=hu', headers: ro.headers });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Név', 'Típus', 'Állapot']));
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row).toEqual(expect.arrayContaining(['Brașov Trans SRL', 'Cég', 'Ügyfél']));
  });
});
