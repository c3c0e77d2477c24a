import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/access/load-actor.ts';
import { createRecords } from '../../platform/records/write.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { encodeCodePage, multipartFile, xlsxFile } from '../../test/files.ts';
import { partnerEntity } from '../partners/partner.entity.ts';
import { validateTaxId } from '../partners/tax-id.ts';
import { SeenRows } from './import-run.ts';

let t: TestApp;
let admin: SignedIn;
let clerk: SignedIn;
let viewer: SignedIn;
let other: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ env: { MAX_IMPORT_BYTES: String(2 * 1024 * 1024) } });
  admin = await setupWorkspace(t);
  const partnersRights = { read: 'all', create: 'all', update: 'all', import: 'all' } as const;
  clerk = await addUser(t, admin.workspaceId, { grants: { partners: partnersRights }, name: 'Ilona Import' });
  viewer = await addUser(t, admin.workspaceId, { grants: { partners: { read: 'all', create: 'all' } } });
  other = await setupWorkspace(t);
});
afterAll(() => t.close());

/** Valid Romanian CUIs (their check digit computed by the real rule). */
function cui(base: number): string {
  for (let d = 0; d < 10; d++) if (validateTaxId('RO', `${base}${d}`).ok) return `${base}${d}`;
  throw new Error('no check digit');
}

const upload = (who: SignedIn, fileName: string, content: Buffer, entity = 'partner') => {
  const body = multipartFile(fileName, content);
  return t.app.inject({ method: 'POST', url: `/api/v1/imports?entity=${entity}`, payload: body.payload, headers: { ...who.headers, ...body.headers } });
};
const call = (who: SignedIn, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

async function run(who: SignedIn, id: string, body: object) {
  const res = await call(who, 'POST', `/imports/${id}/run`, body);
  expect(res.statusCode, res.body).toBe(202);
  await t.ctx.worker.drain();
  return (await call(who, 'GET', `/imports/${id}`)).json();
}
const partnerCount = async (workspaceId = admin.workspaceId) =>
  Number((await t.ctx.db.selectFrom('partner').select((eb) => eb.fn.countAll().as('n')).where('workspaceId', '=', workspaceId).where('deletedAt', 'is', null).executeTakeFirstOrThrow()).n);

const [cuiA, cuiB, cuiC] = [cui(1234567), cui(2345678), cui(3456789)];
const roCsv = [
  'Denumire;CUI;Oraș;E-mail;Telefon;Stare;Etichete;Cifra de afaceri',
  `Brânzeturi Ardelene SRL;RO${cuiA};Cluj-Napoca;office@branzeturi.ro;0264 123 456;client;lactate, vip;"1.250.000,50"`,
  `Țesătoria Moldovei SA;${cuiB};Iași;contact@tesatoria.ro;;prospect;textile;`,
  `Firmă Greșită SRL;RO1234560;Brașov;;;lead;;`,
  `Fără E-mail Corect SRL;;Sibiu;nu-e-email;;lead;;`,
  '',
  `Brânzeturi Ardelene (copie);RO${cuiA};Cluj;;;;;`,
  `Pădurea Verde SRL;${cuiC};Suceava;padure@verde.ro;;client;;12 500`,
].join('\r\n');

describe(`imports (${testDatabaseKind})`, () => {
  it('reads an uploaded CSV: encoding, delimiter, header, first rows and a mapping suggested from Romanian headers', async () => {
    const res = await upload(admin, 'parteneri.csv', Buffer.from(roCsv));
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', status: 'analysed' });
    expect(a.headers).toEqual(['Denumire', 'CUI', 'Oraș', 'E-mail', 'Telefon', 'Stare', 'Etichete', 'Cifra de afaceri']);
    expect(a.suggested).toEqual(['name', 'taxId', 'city', 'email', 'phone', 'status', 'tags', 'turnover']);
    expect(a.preview[0]).toEqual(['Brânzeturi Ardelene SRL', `RO${cuiA}`, 'Cluj-Napoca', 'office@branzeturi.ro', '0264 123 456', 'client', 'lactate, vip', '1.250.000,50']);
    expect(a.preview).toHaveLength(6);
    expect(a.targets.find((x: { key: string }) => x.key === 'name')).toMatchObject({ required: true });
  });

  it('dry run reports what would happen and writes nothing; the real run lands good rows, reports the rest, and a second run adds nothing', async () => {
    const a = (await upload(clerk, 'parteneri.csv', Buffer.from(roCsv))).json();
    const before = await partnerCount();
    const dry = await run(clerk, a.id, { mapping: a.suggested, dryRun: true });
    expect(dry).toMatchObject({ status: 'done', dryRun: true, totalRows: 6, createdCount: 3, duplicateCount: 1, rejectedCount: 2 });
    expect(await partnerCount()).toBe(before);
    const rejected = (await call(clerk, 'GET', `/imports/${a.id}/rejected`)).json().data;
    expect(rejected.map((r: { rowNumber: number; reason: string }) => [r.rowNumber, r.reason])).toEqual([
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'duplicate'],
    ]);
    expect(rejected[0].messages).toEqual([{ column: 'CUI', field: 'taxId', message: 'validation.taxId.checksum' }]);
    expect(rejected[1].messages[0]).toMatchObject({ column: 'E-mail', field: 'email' });
    expect(rejected[2].messages[0]).toMatchObject({ message: 'import.errors.duplicateRow', field: '2' });

    const done = await run(clerk, a.id, { mapping: a.suggested, dryRun: false });
    expect(done).toMatchObject({ status: 'done', dryRun: false, processedRows: 6, createdCount: 3, duplicateCount: 1, rejectedCount: 2 });
    expect(await partnerCount()).toBe(before + 3);
    const list = (await call(clerk, 'GET', `/partners?sort=name&filter=${encodeURIComponent(JSON.stringify({ field: 'city', op: 'eq', value: 'Cluj-Napoca' }))}`)).json().data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Brânzeturi Ardelene SRL', taxId: `RO${cuiA}`, status: 'customer', tags: ['lactate', 'vip'], turnover: '1250000.50', email: 'office@branzeturi.ro' });
    // audit and history like any other creation
    const history = (await call(clerk, 'GET', `/partners/${list[0].id}/history`)).json().data;
    expect(history[0]).toMatchObject({ action: 'created' });

    const csv = await call(clerk, 'GET', `/imports/${a.id}/rejected.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('parteneri-rejected.csv');
    const lines = csv.body.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Denumire,CUI,Oraș,E-mail,Telefon,Stare,Etichete,Cifra de afaceri,row,reason,messages');
    expect(lines[1]).toContain('Firmă Greșită SRL');
    expect(lines[1]).toContain('CUI: validation.taxId.checksum');

    // the same file again: every row is a duplicate of what landed, nothing new
    // the author hears of the result even after leaving the screen
    const told = await t.ctx.db.selectFrom('notification').select(['title', 'link']).where('userId', '=', clerk.userId).where('kind', '=', 'import_finished').orderBy('createdAt').execute();
    expect(told.map((n) => n.title)).toEqual([
      'Dry run of parteneri.csv finished: 3 created, 0 updated, 1 duplicates, 2 rejected',
      'Import of parteneri.csv finished: 3 created, 0 updated, 1 duplicates, 2 rejected',
    ]);
    expect(told[0]!.link).toBe('/import/partners');

    const again = (await upload(clerk, 'parteneri.csv', Buffer.from(roCsv))).json();
    const second = await run(clerk, again.id, { mapping: again.suggested });
    expect(second).toMatchObject({ status: 'done', createdCount: 0, duplicateCount: 4, rejectedCount: 2 });
    expect(await partnerCount()).toBe(before + 3);
  });

  it('finds duplicates of existing partners by tax ID, e-mail or name without diacritics, and can update them instead', async () => {
    const made = await call(admin, 'POST', '/partners', { name: 'Kovács és Társa Kft.', country: 'HU', email: 'iroda@kovacs.hu', city: 'Győr' });
    expect(made.statusCode).toBe(201);
    const file = ['Név,Város,E-mail,Alkalmazottak', 'Kovacs es Tarsa Kft.,Budapest,,12', 'Más Név Kft.,Pécs,IRODA@kovacs.hu,', 'Új Partner Bt.,Szeged,uj@partner.hu,3'].join('\n');
    const a = (await upload(admin, 'ugyfelek.csv', Buffer.from(file))).json();
    expect(a.delimiter).toBe(',');
    expect(a.suggested).toEqual(['name', 'city', 'email', 'employees']);
    const skipped = await run(admin, a.id, { mapping: a.suggested, dryRun: true });
    expect(skipped).toMatchObject({ createdCount: 1, duplicateCount: 2 });
    const rejected = (await call(admin, 'GET', `/imports/${a.id}/rejected`)).json().data;
    expect(rejected.map((r: { messages: { field: string }[] }) => r.messages[0]!.field)).toEqual([made.json().id, made.json().id]);

    const updated = await run(admin, a.id, { mapping: [null, 'city', null, 'employees'].map((m, i) => (i === 0 ? 'name' : m)), onDuplicate: 'update' });
    expect(updated).toMatchObject({ createdCount: 2, updatedCount: 1, duplicateCount: 0 });
    const after = (await call(admin, 'GET', `/partners/${made.json().id}`)).json();
    expect(after).toMatchObject({ name: 'Kovacs es Tarsa Kft.', city: 'Budapest', employees: 12, version: 2 });
  });

  it('reads Windows-1250 (Polish, Hungarian, Romanian) and Windows-1251 (Ukrainian) files, tab-separated too', async () => {
    const pl = encodeCodePage('Nazwa\tMiasto\tNIP\nZakład Łódzki Sp. z o.o.\tŁódź\t\nŐrség Kft.\tŐriszentpéter\t\nŞcoala Română\tTimişoara\t\n', 'windows-1250');
    const a = (await upload(admin, 'kontrahenci.txt', pl)).json();
    expect(a).toMatchObject({ encoding: 'windows-1250', delimiter: '\t' });
    expect(a.preview.map((r: string[]) => r[0])).toEqual(['Zakład Łódzki Sp. z o.o.', 'Őrség Kft.', 'Şcoala Română']);
    const ua = encodeCodePage('Назва;Місто;Електронна пошта\nТОВ "Київська зоря";Київ;info@zorya.ua\nПП Шевченко;Львів;\n', 'windows-1251');
    const b = (await upload(admin, 'контрагенти.csv', ua)).json();
    expect(b).toMatchObject({ encoding: 'windows-1251', delimiter: ';', fileName: 'контрагенти.csv' });
    expect(b.suggested).toEqual(['name', 'city', 'email']);
    const res = await run(admin, b.id, { mapping: b.suggested });
    expect(res).toMatchObject({ createdCount: 2, rejectedCount: 0 });
    // found by typing without diacritics / in Latin letters
    const search = (await call(admin, 'GET', `/partners?q=${encodeURIComponent('kyivska')}`)).json().data;
    expect(search.map((p: { name: string }) => p.name)).toEqual(['ТОВ "Київська зоря"']);

    // the user can override a wrong guess, and the preview follows
    const forced = await call(admin, 'POST', `/imports/${a.id}/analysis`, { encoding: 'windows-1251' });
    expect(forced.statusCode).toBe(200);
    expect(forced.json().preview[0][0]).not.toBe('Zakład Łódzki Sp. z o.o.');
  });

  it('imports an XLSX workbook with numbers, dates and custom fields', async () => {
    const field = await call(admin, 'POST', '/custom-fields', { entity: 'partner', key: 'founded', type: 'date', label: { en: 'Founded', ro: 'Înființată' } });
    expect(field.statusCode, field.body).toBe(201);
    const book = await xlsxFile([
      ['Nazwa', 'Liczba pracowników', 'Înființată', 'Status', 'Kategorie'],
      ['Piekarnia Świeża', 42, new Date(Date.UTC(2001, 4, 17)), 'klient', 'horeca; retail'],
      ['Hurtownia Żuraw', '1 200', '17.05.2003', 'potencjalny klient', ''],
      ['Zła Data', 5, '31.02.2003', '', ''],
    ]);
    const a = (await upload(admin, 'kontrahenci.xlsx', book)).json();
    expect(a).toMatchObject({ format: 'xlsx', encoding: null });
    expect(a.suggested).toEqual(['name', 'employees', 'custom.founded', 'status', 'categories']);
    const res = await run(admin, a.id, { mapping: a.suggested });
    expect(res).toMatchObject({ createdCount: 2, rejectedCount: 1 });
    const rows = (await call(admin, 'GET', `/partners?sort=name&filter=${encodeURIComponent(JSON.stringify({ field: 'custom.founded', op: 'isNull', value: false }))}`)).json().data;
    expect(rows.map((p: { name: string; employees: number; status: string; custom: { founded: string } }) => [p.name, p.employees, p.status, p.custom.founded])).toEqual([
      ['Hurtownia Żuraw', 1200, 'prospect', '2003-05-17'],
      ['Piekarnia Świeża', 42, 'customer', '2001-05-17'],
    ]);
    const rejected = (await call(admin, 'GET', `/imports/${a.id}/rejected`)).json().data;
    expect(rejected[0].messages).toEqual([{ column: 'Înființată', field: 'custom.founded', message: 'import.errors.date' }]);
  });

  it('imports contacts linked to their partners by name or tax ID, and remembers a saved mapping', async () => {
    const file = ['Prenume,Nume,Funcție,Firma,E-mail', `Ioana,Popescu,Director,brânzeturi ardelene srl,ioana@branzeturi.ro`, `Mihai,Ionescu,Contabil,RO${cuiA},`, `Ana,Nimeni,,Firmă Inexistentă,`].join('\n');
    const a = (await upload(admin, 'contacte.csv', Buffer.from(file), 'contact')).json();
    expect(a.suggested).toEqual(['firstName', 'lastName', 'position', 'partner', 'email']);
    const res = await run(admin, a.id, { mapping: a.suggested, saveMappingAs: 'Contacte din ERP' });
    expect(res).toMatchObject({ createdCount: 2, rejectedCount: 1 });
    const partner = (await call(admin, 'GET', `/partners?filter=${encodeURIComponent(JSON.stringify({ field: 'taxId', op: 'eq', value: `RO${cuiA}` }))}`)).json().data[0];
    const contacts = (await call(admin, 'GET', `/partners/${partner.id}/contacts`)).json().data;
    expect(contacts.map((c: { fullName: string }) => c.fullName).sort()).toEqual(['Ioana Popescu', 'Mihai Ionescu']);
    const rejected = (await call(admin, 'GET', `/imports/${a.id}/rejected`)).json().data;
    expect(rejected[0].messages[0]).toMatchObject({ field: 'partner', message: 'import.errors.partnerNotFound' });

    // a file with the same columns in another order gets the saved mapping
    const reordered = ['E-mail,Firma,Nume,Prenume,Funcție', 'x@y.ro,Pădurea Verde SRL,Verde,Vasile,'].join('\n');
    const b = (await upload(admin, 'contacte2.csv', Buffer.from(reordered), 'contact')).json();
    expect(b.savedMapping).toMatchObject({ name: 'Contacte din ERP' });
    expect(b.suggested).toEqual(['email', 'partner', 'lastName', 'firstName', 'position']);
  });

  it('refuses broken files with a clear report and keeps nothing', async () => {
    const before = await t.ctx.db.selectFrom('importJob').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    // a quote left open in the header: there are no columns to read rows into
    const quote = await upload(admin, 'rupt.csv', Buffer.from('"Nume,Oraș\nFără închidere,Cluj\nAlt,Iași\n'));
    expect(quote.statusCode).toBe(400);
    expect(quote.json()).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'file', message: 'import.errors.quote' }] });
    expect(quote.json().detail).toMatch(/quoted cell is never closed/);

    const wide = await upload(admin, 'lat.csv', Buffer.from(`${Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',')}\n`));
    expect(wide.statusCode).toBe(400);
    expect(wide.json().detail).toBe('The file has 10001 columns; at most 500 can be imported');

    const empty = await upload(admin, 'gol.csv', Buffer.from('\n\n\n'));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].message).toBe('import.errors.empty');

    const binary = await upload(admin, 'poza.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    expect(binary.statusCode).toBe(400);
    const fakeXlsx = await upload(admin, 'tabel.xlsx', Buffer.from('Nume\nA\n'));
    expect(fakeXlsx.statusCode).toBe(400);
    expect(fakeXlsx.json().errors[0].message).toBe('import.errors.notXlsx');

    const big = await upload(admin, 'mare.csv', Buffer.alloc(3 * 1024 * 1024, 'a,b\n'));
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toMatch(/larger than 2 MB/);

    const after = await t.ctx.db.selectFrom('importJob').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('reports a quote left open past the end of its line as a rejected row and reads the rows after it', async () => {
    const other = await setupWorkspace(t);
    const file = ['Nume;Oraș;Țara', 'Alfa;Cluj;RO', '"Ghilimele rupte SRL;Cluj;RO', 'Beta;Sibiu;RO', '"Gama ""X""";Arad;RO', ''].join('\n');
    const a = (await upload(other, 'ghilimele.csv', Buffer.from(file))).json();
    expect(a.suggested).toEqual(['name', 'city', 'country']);
    expect(a.preview).toEqual([
      ['Alfa', 'Cluj', 'RO'],
      ['"Ghilimele rupte SRL', 'Cluj', 'RO'],
      ['Beta', 'Sibiu', 'RO'],
      ['Gama "X"', 'Arad', 'RO'],
    ]);
    const before = await partnerCount(other.workspaceId);
    const res = await run(other, a.id, { mapping: a.suggested });
    expect(res).toMatchObject({ status: 'done', totalRows: 4, createdCount: 3, rejectedCount: 1, duplicateCount: 0 });
    expect(await partnerCount(other.workspaceId)).toBe(before + 3);
    const made = await t.ctx.db.selectFrom('partner').select(['name', 'city']).where('workspaceId', '=', other.workspaceId).where('city', 'in', ['Cluj', 'Sibiu', 'Arad']).orderBy('name').execute();
    expect(made).toEqual([
      { name: 'Alfa', city: 'Cluj' },
      { name: 'Beta', city: 'Sibiu' },
      { name: 'Gama "X"', city: 'Arad' },
    ]);
    // the row, the column and the reason (an i18n key: the import screen says it in the reader's language)
    const rejected = (await call(other, 'GET', `/imports/${a.id}/rejected`)).json().data;
    expect(rejected).toEqual([
      { rowNumber: 3, reason: 'invalid', messages: [{ column: 'Nume', field: 'name', message: 'import.errors.quoteNotClosed' }], cells: ['"Ghilimele rupte SRL', 'Cluj', 'RO'] },
    ]);
  });

  it('keeps quoted cells that span lines and close on a line with the right number of cells (as Excel writes them)', async () => {
    const other = await setupWorkspace(t);
    // Excel: CRLF between rows, LF inside a cell, quotes doubled inside quoted cells
    const file = [
      'Nume;Stradă;Țara',
      '"Delta SRL";"Str. Lungă 1\nBloc A; ap. 3";RO',
      '"Epsilon ""Nord""";"Calea Victoriei 2";RO',
      'Zeta;"Str. Mică 4\n\n""Casa verde""";RO',
      '"Eta\nTrei rânduri\nSRL";Arad;RO',
    ].join('\r\n');
    const a = (await upload(other, 'multilinie.csv', Buffer.from(file))).json();
    const res = await run(other, a.id, { mapping: ['name', 'street', 'country'] });
    expect(res).toMatchObject({ status: 'done', totalRows: 4, createdCount: 4, rejectedCount: 0 });
    const made = await t.ctx.db.selectFrom('partner').select(['name', 'street']).where('workspaceId', '=', other.workspaceId).where('name', 'in', ['Delta SRL', 'Epsilon "Nord"', 'Zeta', 'Eta\nTrei rânduri\nSRL']).orderBy('name').execute();
    expect(made).toEqual([
      { name: 'Delta SRL', street: 'Str. Lungă 1\nBloc A; ap. 3' },
      { name: 'Epsilon "Nord"', street: 'Calea Victoriei 2' },
      { name: 'Eta\nTrei rânduri\nSRL', street: 'Arad' },
      { name: 'Zeta', street: 'Str. Mică 4\n\n"Casa verde"' },
    ]);
  });

  it('resumes at once an import whose server was killed (kill -9) while it ran, and says it resumed', async () => {
    const csv = ['Name;City', 'Reluat Unu SRL;Cluj', 'Reluat Doi SRL;Iași'].join('\n');
    const a = (await upload(admin, 'reluat.csv', Buffer.from(csv))).json();
    const started = await call(admin, 'POST', `/imports/${a.id}/run`, { mapping: ['name', 'city'], dryRun: false, onDuplicate: 'skip' });
    expect(started.statusCode, started.body).toBe(202);
    // the server that claimed it: a real process, killed with SIGKILL while the job was running
    const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(server, 'spawn');
    const holder = `killed-${a.id}`;
    await t.ctx.db.insertInto('workerInstance').values({ id: holder, hostname: hostname(), pid: server.pid! }).execute();
    const { jobId } = await t.ctx.db.selectFrom('importJob').select('jobId').where('id', '=', a.id).executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, lockedBy: holder, lockedUntil: new Date(Date.now() + 5 * 60_000) })
      .where('id', '=', jobId!)
      .execute();
    await t.ctx.db.updateTable('importJob').set({ status: 'running', startedAt: new Date() }).where('id', '=', a.id).execute();
    server.kill('SIGKILL');
    await once(server, 'exit');

    // the next start takes the dead server's lease over at once (not after the five minutes)
    await t.ctx.worker.takeOverDeadHolders();
    await t.ctx.worker.drain();
    const done = (await call(admin, 'GET', `/imports/${a.id}`)).json();
    expect(done).toMatchObject({ status: 'done', createdCount: 2 });
    expect(done.resumedAt).toEqual(expect.any(String));
    // an import that ran without interruption does not say so
    const plain = (await call(admin, 'GET', `/imports/${(await upload(admin, 'plain.csv', Buffer.from('Name\nNeîntrerupt SRL'))).json().id}`)).json();
    expect(plain.resumedAt).toBeNull();
  });

  it('refuses an incomplete or wrong mapping, naming the problem, and starts nothing', async () => {
    const a = (await upload(admin, 'p.csv', Buffer.from('Oraș,Nume\nCluj,Alfa\n'))).json();
    const missing = await call(admin, 'POST', `/imports/${a.id}/run`, { mapping: ['city', null] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'mapping', message: 'Map a column to the required field name' }]);
    const twice = await call(admin, 'POST', `/imports/${a.id}/run`, { mapping: ['name', 'name'] });
    expect(twice.json().errors).toEqual([{ path: 'mapping.1', message: 'name is already taken by column 1' }]);
    const unknown = await call(admin, 'POST', `/imports/${a.id}/run`, { mapping: ['createdAt', 'name'] });
    expect(unknown.json().errors).toEqual([{ path: 'mapping.0', message: 'Unknown field createdAt' }]);
    const short = await call(admin, 'POST', `/imports/${a.id}/run`, { mapping: ['name'] });
    expect(short.statusCode).toBe(400);
    const extra = await call(admin, 'POST', `/imports/${a.id}/run`, { mapping: ['city', 'name'], sql: 'drop table partner' });
    expect(extra.statusCode).toBe(400);
    expect((await call(admin, 'GET', `/imports/${a.id}`)).json().status).toBe('analysed');
  });

  it('needs the import permission, and keeps imports to their author and workspace', async () => {
    expect((await upload(viewer, 'p.csv', Buffer.from('Nume\nAlfa\n'))).statusCode).toBe(403);
    const mine = (await upload(clerk, 'p.csv', Buffer.from('Nume\nAlfa Beta\n'))).json();
    expect((await call(viewer, 'GET', `/imports/${mine.id}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', `/imports/${mine.id}`)).statusCode).toBe(404);
    expect((await call(other, 'POST', `/imports/${mine.id}/run`, { mapping: ['name'] })).statusCode).toBe(404);
    expect((await call(admin, 'GET', `/imports/${mine.id}`)).statusCode).toBe(200);
    expect((await call(clerk, 'GET', '/imports')).json().data.every((i: { createdBy: string }) => i.createdBy === clerk.userId)).toBe(true);
    expect((await call(other, 'GET', '/imports')).json().data).toEqual([]);
  });
});

describe(`set-based creation of a batch (${testDatabaseKind})`, () => {
  it('writes the good records with their audit rows and events, and returns the refused ones with their errors, writing nothing of them', async () => {
    const actor = (await loadActor(t.ctx.db, admin.userId, 'session'))!;
    const taken = cui(7100001);
    await call(admin, 'POST', '/partners', { name: 'Already Here SRL', country: 'RO', taxId: taken });
    const before = await t.ctx.db.selectFrom('outboxEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const outcomes = await t.ctx.db.transaction().execute((trx) =>
      createRecords(trx, actor, partnerEntity, [
        { name: 'Setul Unu SRL', country: 'RO', taxId: cui(7100002), tags: ['lot'] },
        { name: '' },
        { name: 'Duplicat Fiscal SRL', country: 'RO', taxId: taken },
        { name: 'Fără Proprietar', ownerId: '00000000-0000-4000-8000-000000000000' },
        { name: 'Setul Doi SRL', country: 'RO', custom: {} },
      ]),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, false, true]);
    const refused = outcomes.flatMap((o) => (o.ok ? [] : [o.error.code]));
    expect(refused).toEqual(['VALIDATION', expect.any(String), 'VALIDATION']);
    const names = outcomes.flatMap((o) => (o.ok ? [o.row.name] : []));
    expect(names).toEqual(['Setul Unu SRL', 'Setul Doi SRL']);
    const first = outcomes[0]!;
    expect(first.ok && first.row).toMatchObject({ tags: ['lot'], taxIdKind: 'RO.CUI', version: 1 });
    const stored = await t.ctx.db.selectFrom('partner').select('name').where('workspaceId', '=', admin.workspaceId).where('name', 'in', ['Duplicat Fiscal SRL', 'Fără Proprietar', 'Setul Unu SRL', 'Setul Doi SRL']).execute();
    expect(stored.map((r) => r.name).sort()).toEqual(['Setul Doi SRL', 'Setul Unu SRL']);
    const ids = outcomes.flatMap((o) => (o.ok ? [String(o.row.id)] : []));
    const audit = await t.ctx.db.selectFrom('auditLog').select(['recordId', 'action']).where('recordId', 'in', ids).execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'created']);
    const after = await t.ctx.db.selectFrom('outboxEvent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(2);
    const events = await t.ctx.db.selectFrom('outboxEvent').select(['type', 'payload']).where('recordId', 'in', ids).execute();
    expect(events.map((e) => e.type)).toEqual(['partner.created', 'partner.created']);
    expect(events.map((e) => (e.payload as { title?: string }).title).sort()).toEqual(['Setul Doi SRL', 'Setul Unu SRL']);
  });
});

describe('rows of a file seen before', () => {
  it('finds the earliest row that is the same record by tax ID, e-mail or name — a different tax ID or e-mail keeps alike names apart', () => {
    const seen = new SeenRows();
    seen.add({ rowNumber: 2, taxId: 'RO1', nameKey: 'alfa' });
    seen.add({ rowNumber: 3, email: 'a@x.ro', nameKey: 'beta' });
    seen.add({ rowNumber: 4, nameKey: 'gama' });
    seen.add({ rowNumber: 5, taxId: 'RO9', nameKey: 'gama' });
    expect(seen.find({ taxId: 'RO1' })?.rowNumber).toBe(2);
    expect(seen.find({ taxId: 'RO2', nameKey: 'alfa' })).toBeUndefined();
    expect(seen.find({ nameKey: 'alfa' })?.rowNumber).toBe(2);
    expect(seen.find({ email: 'a@x.ro' })?.rowNumber).toBe(3);
    expect(seen.find({ email: 'b@x.ro', nameKey: 'beta' })).toBeUndefined();
    expect(seen.find({ nameKey: 'gama' })?.rowNumber).toBe(4);
    expect(seen.find({ taxId: 'RO9', nameKey: 'zeta' })?.rowNumber).toBe(5);
    expect(seen.find({})).toBeUndefined();
    // many rows: each lookup reads only the rows sharing a key
    for (let i = 0; i < 50_000; i++) seen.add({ rowNumber: 10 + i, taxId: `T${i}`, nameKey: `n${i % 100}` });
    expect(seen.find({ taxId: 'T49999' })?.rowNumber).toBe(50_009);
    expect(seen.find({ nameKey: 'n7' })?.rowNumber).toBe(17);
  });
});
