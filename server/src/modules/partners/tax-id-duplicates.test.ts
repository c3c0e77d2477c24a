import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../../db/migrate.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { multipartFile } from '../../test/files.ts';
import { hungarianTaxNumber, romanianCui } from './tax-id.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, who: SignedIn = admin) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

/** Several statements at once, as a migration runs them. */
async function exec(text: string): Promise<void> {
  if (t.database.pglite) await t.database.pglite.exec(text);
  else await t.database.pool!.query(text);
}

const TAX_ID_MIGRATION = listMigrations().find((m) => m.name.endsWith('_tax_id_key'));

describe(`one partner per tax ID, however it is written (${testDatabaseKind})`, () => {
  // the first spelling is kept as typed (tidied); every other spelling of the same number is refused
  const cases = [
    { country: 'RO', name: 'Compania Românească SRL', first: '30540177', shown: '30540177', others: ['RO30540177', 'ro 3054 0177', 'RO-30.54.01.77'] },
    { country: 'HU', name: 'Magyar Kereskedő Kft.', first: '11223346-2-06', shown: '11223346-2-06', others: ['11223346', 'HU11223346', 'HU 11223346', '11223346 2 06', '11223346-1-42'] },
    { country: 'PL', name: 'Polska Hurtownia Sp. z o.o.', first: 'PL 526-025-02-74', shown: 'PL5260250274', others: ['5260250274', 'PL5260250274', '526-02-50-274', 'pl 526 025 02 74'] },
    { country: 'UA', name: 'ТОВ Київський Дім', first: '14360570', shown: '14360570', others: ['UA14360570', 'UA 1436 0570', '14 36 05 70'] },
  ];

  for (const c of cases) {
    it(`${c.country}: ${c.first} and ${c.others.join(', ')} are one partner — a second one is refused with 409, naming the first`, async () => {
      const first = await call('POST', '/partners', { name: c.name, country: c.country, taxId: c.first });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().taxId).toBe(c.shown);
      for (const other of c.others) {
        const again = await call('POST', '/partners', { name: `${c.name} (copie)`, country: c.country, taxId: other });
        expect(again.statusCode, `${other}: ${again.body}`).toBe(409);
        expect(again.json()).toMatchObject({
          detail: `A partner with this tax ID already exists: ${c.name}`,
          duplicateOf: c.name,
          errors: [{ path: 'taxId', message: 'validation.taxId.duplicate' }],
        });
      }
      // nor may another partner take it by an edit
      const second = (await call('POST', '/partners', { name: `${c.name} 2`, country: c.country })).json();
      const edit = await call('PATCH', `/partners/${second.id}`, { taxId: c.others[0], version: second.version });
      expect(edit.statusCode, edit.body).toBe(409);
      expect(edit.json().duplicateOf).toBe(c.name);
      // its own partner may write it another way
      const respelled = await call('PATCH', `/partners/${first.json().id}`, { taxId: c.others[0], version: first.json().version });
      expect(respelled.statusCode, respelled.body).toBe(200);
    });
  }

  it('keeps the same digits in two countries apart (a Romanian CUI is not a Hungarian tax number)', async () => {
    // an eight-digit number that is a valid CUI and a valid Hungarian tax number
    let both = '';
    for (let n = 1_000_000; !both; n++) for (let d = 0; d < 10 && !both; d++) if (romanianCui(`${n}${d}`).ok && hungarianTaxNumber(`${n}${d}`).ok) both = `${n}${d}`;
    expect((await call('POST', '/partners', { name: 'Cifre Comune SRL', country: 'RO', taxId: both })).statusCode).toBe(201);
    const hu = await call('POST', '/partners', { name: 'Közös Számok Kft.', country: 'HU', taxId: both });
    expect(hu.statusCode, hu.body).toBe(201);
    // with the prefix of the other country it is that country's number
    const prefixed = await call('POST', '/partners', { name: 'Cu prefix SRL', country: 'RO', taxId: `HU${both}` });
    expect(prefixed.statusCode).not.toBe(201);
  });

  it('finds duplicates in an import by the number: in the file and against the workspace', async () => {
    const ws = await setupWorkspace(t);
    expect((await call('POST', '/partners', { name: 'Existent SRL', country: 'RO', taxId: 'RO30540177' }, ws)).statusCode).toBe(201);
    const file = ['Nume;Țara;CUI', 'Alt Nume SRL;RO;30540177', 'Kovács Kft.;HU;11223346-2-06', 'Kovács Hungary;HU;HU11223346', 'Nou SRL;RO;'].join('\n');
    const body = multipartFile('parteneri.csv', Buffer.from(file));
    const a = (await t.app.inject({ method: 'POST', url: '/api/v1/imports?entity=partner', payload: body.payload, headers: { ...ws.headers, ...body.headers } })).json();
    expect((await call('POST', `/imports/${a.id}/run`, { mapping: ['name', 'country', 'taxId'] }, ws)).statusCode).toBe(202);
    await t.ctx.worker.drain();
    expect((await call('GET', `/imports/${a.id}`, undefined, ws)).json()).toMatchObject({ status: 'done', createdCount: 2, duplicateCount: 2, rejectedCount: 0 });
    const rejected = (await call('GET', `/imports/${a.id}/rejected`, undefined, ws)).json().data;
    expect(rejected.map((r: { rowNumber: number; messages: { message: string; field?: string }[] }) => [r.rowNumber, r.messages[0]!.message])).toEqual([
      [2, 'import.errors.duplicateExisting'],
      [4, 'import.errors.duplicateRow'],
    ]);
  });

  it('migrates partners that already share a number by another spelling: kept as they are, paired by the duplicate finder, merged by a person', async () => {
    expect(TAX_ID_MIGRATION).toBeDefined();
    const ws = await setupWorkspace(t);
    const make = async (name: string, country: string, taxId?: string) =>
      (await call('POST', '/partners', { name, country, ...(taxId ? { taxId } : {}) }, ws)).json().id as string;
    const ro = await make('Vechi SRL', 'RO', '30540177');
    const roAgain = await make('Alt nume vechi', 'RO');
    const hu = await make('Régi Kft.', 'HU', '11223346-2-06');
    const huAgain = await make('Még egy régi', 'HU');
    const other = await make('Nincs párja Kft.', 'HU');
    // the database as it was before the migration, with the second spellings written by the old rule
    await exec(`alter table partner drop column tax_id_key cascade; alter table partner drop column tax_id_duplicate cascade;
      update partner set tax_id = 'RO30540177', tax_id_kind = 'RO.CUI' where id = '${roAgain}';
      update partner set tax_id = '11223346', tax_id_kind = 'HU.VAT' where id = '${huAgain}';`);
    await exec(TAX_ID_MIGRATION!.sql);

    const pairs = (await call('GET', '/partners/duplicates', undefined, ws)).json().data as { aId: string; bId: string; reason: string }[];
    const byTaxId = pairs.filter((p) => p.reason === 'taxId').map((p) => [p.aId, p.bId].sort().join('|')).sort();
    expect(byTaxId).toEqual([[ro, roAgain].sort().join('|'), [hu, huAgain].sort().join('|')].sort());
    const forOne = (await call('GET', `/partners/duplicates?partnerId=${roAgain}`, undefined, ws)).json().data as { bId: string; reason: string }[];
    expect(forOne).toContainEqual(expect.objectContaining({ bId: ro, reason: 'taxId' }));
    // a new spelling of a number two partners share is still refused
    expect((await call('POST', '/partners', { name: 'Al treilea', country: 'RO', taxId: 'RO 30540177' }, ws)).statusCode).toBe(409);
    // merged, the duplicate's number goes to the trash with it; the number stays taken
    const merged = await call('POST', `/partners/${ro}/merge`, { duplicateId: roAgain }, ws);
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().taxId).toBe('30540177');
    // a partner without a tax ID takes the duplicate's when merged, and with it the pair it was in
    const fill = await call('POST', `/partners/${other}/merge`, { duplicateId: huAgain }, ws);
    expect(fill.statusCode, fill.body).toBe(200);
    expect(fill.json().taxId).toBe('11223346');
    const after = (await call('GET', `/partners/duplicates?partnerId=${other}`, undefined, ws)).json().data as { bId: string; reason: string }[];
    expect(after).toContainEqual(expect.objectContaining({ bId: hu, reason: 'taxId' }));
    // a partner in the trash comes back only while nobody else holds its number
    const trashed = await make('Din coș SRL', 'RO', '1590082');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/partners/${trashed}`, headers: ws.headers })).statusCode).toBe(200);
    expect((await call('POST', '/partners', { name: 'Noul deținător', country: 'RO', taxId: 'RO1590082' }, ws)).statusCode).toBe(201);
    const restored = await call('POST', `/partners/${trashed}/restore`, undefined, ws);
    expect(restored.statusCode, restored.body).toBe(409);
    expect(restored.json()).toMatchObject({ duplicateOf: 'Noul deținător', errors: [{ path: 'taxId', message: 'validation.taxId.duplicate' }] });
    expect((await call('POST', '/partners', { name: 'Al patrulea', country: 'RO', taxId: '30540177' }, ws)).statusCode).toBe(409);
    // the database keeps the rule too, when two writes race past the application's check
    await expect(
      exec(`insert into partner (id, workspace_id, name, country, tax_id) values ('${crypto.randomUUID()}', '${ws.workspaceId}', 'Cursă', 'RO', 'RO 3054 0177')`),
    ).rejects.toThrow(/partner_tax_id_key_unique/);
  });
});
