import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createCustomField } from '../../modules/admin/custom-field.service.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { exportRecords } from './export.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';
import { createRecord, deleteRecord } from './write.ts';

let database: Database;
let f: RecordsFixture;
const BULK = 2500;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
  await createCustomField(database.db, f.admin, { entity: 'testItem', key: 'tier', type: 'select', options: ['gold', 'silver'], label: { en: 'Tier', ro: 'Nivel' }, required: false, position: 0 });
  await sql`insert into test_item (id, workspace_id, name, qty, secret_note)
    select gen_random_uuid(), ${f.ws}::uuid, 'bulk ' || lpad(i::text, 5, '0'), i, 'do not export'
    from generate_series(1, ${BULK}::int) as i`.execute(database.db);
  await createRecord(database.db, f.admin, itemEntity, {
    name: 'Tricky; "quoted", name\nwith newline',
    notes: '=HYPERLINK("http://evil")',
    amount: '-12.50',
    tags: ['a', 'b'],
    active: true,
    custom: { tier: 'gold' },
  });
  const gone = await createRecord(database.db, f.admin, itemEntity, { name: 'Deleted one' });
  await deleteRecord(database.db, f.admin, itemEntity, gone.id);
});
afterAll(() => database.close());

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe(`export (${testDatabaseKind})`, () => {
  it('streams CSV with a BOM, quoting, custom columns and every live row (paged)', async () => {
    const result = await exportRecords(database.db, f.admin, itemEntity, { format: 'csv', sort: 'name', language: 'en' });
    expect(result.contentType).toContain('text/csv');
    const buffer = await collect(result.stream);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(buffer, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(BULK + 1);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['ID', 'Name', 'Notes', 'Amount', 'Status', 'Account manager', 'Tier']));
    expect(Object.keys(rows[0]!).join()).not.toMatch(/secret/i);
    expect(rows.map((r) => r.Name)).not.toContain('Deleted one');
    const tricky = rows.find((r) => r.Name?.startsWith('Tricky'))!;
    expect(tricky.Name).toBe('Tricky; "quoted", name\nwith newline');
    expect(tricky.Notes).toBe(`'=HYPERLINK("http://evil")`);
    expect(tricky.Amount).toBe('-12.50');
    expect(tricky.Active).toBe('Yes');
    expect(tricky.Tags).toBe('a, b');
    expect(tricky.Tier).toBe('gold');
    const text = buffer.toString('utf8');
    expect(text).toContain('"Tricky; ""quoted"", name\nwith newline"');
    const bulk = rows.filter((r) => r.Name?.startsWith('bulk '));
    expect(new Set(bulk.map((r) => r.ID)).size).toBe(BULK);
    expect(bulk[0]!.Name).toBe('bulk 00001');
  });

  it('applies the filter and sort to the export', async () => {
    const filter = { field: 'qty', op: 'lte', value: 3 };
    const result = await exportRecords(database.db, f.admin, itemEntity, { format: 'csv', filter, sort: '-qty', language: 'en' });
    const rows = parse(await collect(result.stream), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Qty)).toEqual(['3', '2', '1']);
  });

  it('streams XLSX readable by exceljs', async () => {
    const result = await exportRecords(database.db, f.admin, itemEntity, { format: 'xlsx', sort: 'name', language: 'ro' });
    expect(result.fileName).toMatch(/^test-items-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await collect(result.stream)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(BULK + 2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    // headers in the reader's language, numbers and booleans as the spreadsheet's own values
    expect(header).toEqual(expect.arrayContaining(['Nume', 'Valoare', 'Activ', 'Nivel']));
    const col = (name: string) => header.indexOf(name) + 1;
    let tricky: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (String(row.getCell(col('Nume')).value).startsWith('Tricky')) tricky = row;
    });
    expect(tricky!.getCell(col('Valoare')).value).toBe(-12.5);
    expect(tricky!.getCell(col('Activ')).value).toBe(true);
    expect(tricky!.getCell(col('Nivel')).value).toBe('gold');
    const names = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) names.add(String(row.getCell(col('Nume')).value));
    });
    expect(names.size).toBe(BULK + 1);
    expect(names.has('bulk 02500')).toBe(true);
  });

  it('writes CSV for the reader\'s spreadsheets: `;` and decimal commas in Romanian, `,` in English, or the separator chosen', async () => {
    const filter = { field: 'name', op: 'startsWith', value: 'Tricky' };
    const ro = (await collect((await exportRecords(database.db, f.admin, itemEntity, { format: 'csv', filter, language: 'ro' })).stream)).toString('utf8');
    expect(ro.startsWith('\ufeffNume;Note;E-mail;')).toBe(true);
    const [roRow] = parse(ro, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(roRow).toMatchObject({ Nume: 'Tricky; "quoted", name\nwith newline', Valoare: '-12,50', Activ: 'Da', Etichete: 'a, b', Nivel: 'gold' });

    const en = (await collect((await exportRecords(database.db, f.admin, itemEntity, { format: 'csv', filter, language: 'en' })).stream)).toString('utf8');
    expect(en.startsWith('\ufeffName,Notes,E-mail,')).toBe(true);

    const chosen = await exportRecords(database.db, f.admin, itemEntity, { format: 'csv', filter, language: 'ro', separator: ',' });
    const text = (await collect(chosen.stream)).toString('utf8');
    expect(text.startsWith('\ufeffNume,Note,E-mail,')).toBe(true);
    const [row] = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ Valoare: '-12.50', Etichete: 'a, b' });
  });

  it('requires the export permission', async () => {
    await expect(exportRecords(database.db, f.reader, itemEntity, { format: 'csv' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportRecords(database.db, f.member, itemEntity, { format: 'xlsx' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rejects a bad filter before streaming anything', async () => {
    await expect(
      exportRecords(database.db, f.admin, itemEntity, { format: 'csv', filter: { field: 'secretNote', op: 'eq', value: 'x' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
