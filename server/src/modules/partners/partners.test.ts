import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let deputy: SignedIn;
let other: SignedIn;
const ownPartners = { partners: { read: 'own', create: 'own', update: 'own', delete: 'own', export: 'own' } } as const;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  rep = await addUser(t, admin.workspaceId, { grants: ownPartners, name: 'Radu Rep' });
  deputy = await addUser(t, admin.workspaceId, { grants: ownPartners, name: 'Dana Deputy' });
  other = await setupWorkspace(t);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

describe(`partners (${testDatabaseKind})`, () => {
  it('creates a company with a checked, normalised tax ID and IBAN', async () => {
    const res = await call(admin, 'POST', '/partners', {
      name: 'Petrom Distribuție SRL',
      kind: 'company',
      status: 'customer',
      country: 'ro',
      taxId: 'ro 1590082',
      iban: 'ro49 aaaa 1b31 0075 9384 0000',
      city: 'București',
      turnover: '1250000.50',
      turnoverCurrency: 'RON',
      tags: ['energie', 'vip'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ taxId: 'RO1590082', taxIdKind: 'RO.CUI', iban: 'RO49AAAA1B31007593840000', country: 'RO', turnover: '1250000.50' });
  });

  it('refuses a wrong tax ID, IBAN or BIC naming the field and rule, and writes nothing', async () => {
    const before = (await call(admin, 'GET', '/partners')).json().data.length;
    const bad = await call(admin, 'POST', '/partners', { name: 'Rău SRL', country: 'RO', taxId: '1590083', iban: 'RO49AAAA1B31007593840001', bic: 'XX' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'taxId', message: 'validation.taxId.checksum' },
      { path: 'iban', message: 'validation.bank.ibanChecksum' },
      { path: 'bic', message: 'validation.bank.bicFormat' },
    ]);
    const pl = await call(admin, 'POST', '/partners', { name: 'Zła Sp. z o.o.', country: 'PL', taxId: '526-025-02-75' });
    expect(pl.json().errors).toEqual([{ path: 'taxId', message: 'validation.taxId.checksum' }]);
    // a required name is not given by spaces
    const blank = await call(admin, 'POST', '/partners', { name: '   ', country: 'RO' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ path: 'name', message: 'validation.required' }]);
    expect((await call(admin, 'GET', '/partners')).json().data.length).toBe(before);
  });

  it('accepts the right number per country and kind, and refuses a second partner with the same tax ID', async () => {
    const cases = [
      { name: 'Kovács és Társa Kft.', country: 'HU', taxId: '10625790-2-44', kind: 'HU.ADOSZAM' },
      { name: 'ТОВ Шевченко', country: 'UA', taxId: '14360570', kind: 'UA.EDRPOU' },
      { name: 'Nowak Sp. z o.o.', country: 'PL', taxId: '5260250274', kind: 'PL.NIP' },
    ];
    for (const c of cases) {
      const res = await call(admin, 'POST', '/partners', { name: c.name, country: c.country, taxId: c.taxId });
      expect(res.statusCode, c.name).toBe(201);
      expect(res.json().taxIdKind).toBe(c.kind);
    }
    const person = await call(admin, 'POST', '/partners', { name: 'Ion Popescu', kind: 'person', country: 'RO', taxId: '1800101221144' });
    expect(person.json().taxIdKind).toBe('RO.CNP');
    const dup = await call(admin, 'POST', '/partners', { name: 'Copie', country: 'PL', taxId: '526 025 02 74' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ duplicateOf: 'Nowak Sp. z o.o.', errors: [{ path: 'taxId', message: 'validation.taxId.duplicate' }] });
  });

  it('lets account managers see their partners: the primary, the deputy while the primary is away, nobody else without a wider scope', async () => {
    const mine = await call(rep, 'POST', '/partners', { name: 'Rep Own Lead', status: 'lead', country: 'RO' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().ownerId).toBe(rep.userId);
    const names = async (who: SignedIn) => (await call(who, 'GET', '/partners')).json().data.map((p: { name: string }) => p.name);
    expect(await names(rep)).toEqual(['Rep Own Lead']);
    expect(await names(deputy)).toEqual([]);
    const row = mine.json();
    expect((await call(rep, 'PATCH', `/partners/${row.id}`, { deputyId: deputy.userId, version: row.version })).statusCode).toBe(200);
    // the deputy stands in only while the primary is away
    expect(await names(deputy)).toEqual([]);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const backwards = await call(rep, 'PATCH', '/me', { awayFrom: day(3), awayUntil: day(1) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ path: 'awayUntil', message: 'validation.absenceOrder' }]);
    expect((await call(rep, 'PATCH', '/me', { awayFrom: day(5), awayUntil: day(9) })).statusCode).toBe(200);
    expect(await names(deputy)).toEqual([]);
    const away = await call(rep, 'PATCH', '/me', { awayFrom: day(-1), awayUntil: day(2) });
    expect(away.json().user).toMatchObject({ awayFrom: day(-1), awayUntil: day(2) });
    expect(await names(deputy)).toEqual(['Rep Own Lead']);
    expect((await call(deputy, 'GET', `/partners?filter=${encodeURIComponent(JSON.stringify({ field: 'deputyId', op: 'eq', value: deputy.userId }))}`)).json().data).toHaveLength(1);
    const standIn = await call(deputy, 'PATCH', `/partners/${row.id}`, { notes: 'Sunat în locul lui Radu', version: 2 });
    expect(standIn.statusCode).toBe(200);
    // back at work: the partner is the primary's again
    expect((await call(rep, 'PATCH', '/me', { awayFrom: null, awayUntil: null })).statusCode).toBe(200);
    expect(await names(deputy)).toEqual([]);
    expect((await call(deputy, 'GET', `/partners/${row.id}`)).statusCode).toBe(404);
    expect((await names(admin)).length).toBeGreaterThan(4);
  });

  it('links contacts to partners with their role and shows both sides', async () => {
    const partner = (await call(admin, 'GET', `/partners?q=${encodeURIComponent('kovacs')}`)).json().data[0];
    expect(partner.name).toBe('Kovács és Társa Kft.');
    const contact = await call(admin, 'POST', '/contacts', { firstName: 'Éva', lastName: 'Szabó', email: ' Eva@Kovacs.HU ', position: 'Beszerzési vezető', consentEmail: true });
    expect(contact.statusCode).toBe(201);
    expect(contact.json()).toMatchObject({ fullName: 'Éva Szabó', email: 'eva@kovacs.hu' });
    expect(contact.json().consentAt).toBeTruthy();
    expect((await call(admin, 'PUT', `/partners/${partner.id}/contacts/${contact.json().id}`, { role: 'purchasing', isPrimary: true })).statusCode).toBe(204);
    const contacts = await call(admin, 'GET', `/partners/${partner.id}/contacts`);
    expect(contacts.json().data).toEqual([expect.objectContaining({ fullName: 'Éva Szabó', role: 'purchasing', isPrimary: true })]);
    const partners = await call(admin, 'GET', `/contacts/${contact.json().id}/partners`);
    expect(partners.json().data.map((p: { name: string }) => p.name)).toEqual(['Kovács és Társa Kft.']);
    expect((await call(rep, 'PUT', `/partners/${partner.id}/contacts/${contact.json().id}`, { role: 'x' })).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/partners/${partner.id}/contacts/${contact.json().id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/partners/${partner.id}/contacts`)).json().data).toEqual([]);
  });

  it('finds partners typed without diacritics or in another script, and filters and sorts them', async () => {
    await t.ctx.worker.drain();
    const search = async (q: string) => (await call(admin, 'GET', `/search?q=${encodeURIComponent(q)}`)).json().data.map((d: { title: string }) => d.title);
    expect(await search('petrom distributie')).toContain('Petrom Distribuție SRL');
    expect(await search('shevchenko')).toContain('ТОВ Шевченко');
    // Ukrainian names as their owners write them in Latin letters (Ye-, Yu-, Ya-, Yo- at the start of a word)
    await call(admin, 'POST', '/contacts', { firstName: 'Юрій', lastName: 'Євтушенко' });
    await call(admin, 'POST', '/contacts', { firstName: 'Яна', lastName: 'Йосипенко' });
    await t.ctx.worker.drain();
    const contacts = async (q: string) => (await call(admin, 'GET', `/contacts?q=${encodeURIComponent(q)}`)).json().data.map((c: { fullName: string }) => c.fullName);
    expect(await contacts('Yurii Yevtushenko')).toEqual(['Юрій Євтушенко']);
    expect(await contacts('iurii ievtushenko')).toEqual(['Юрій Євтушенко']);
    expect(await contacts('Yana Yosypenko')).toEqual(['Яна Йосипенко']);
    expect(await search('yevtushenko')).toContain('Юрій Євтушенко');
    expect(await search('1590082')).toContain('Petrom Distribuție SRL');
    const filter = encodeURIComponent(JSON.stringify({ and: [{ field: 'status', op: 'eq', value: 'customer' }, { field: 'city', op: 'contains', value: 'bucuresti' }] }));
    const list = await call(admin, 'GET', `/partners?filter=${filter}&sort=-turnover,name`);
    expect(list.json().data.map((p: { name: string }) => p.name)).toEqual(['Petrom Distribuție SRL']);
  });

  it('finds a partner and a contact by every searchable field through their search column', async () => {
    const tax = '1234563218';
    const partner = (await call(admin, 'POST', '/partners', { name: 'Cautare Unică Zbyszko', legalName: 'Societatea Ștrandul SRL', country: 'PL', taxId: tax, email: 'birou@plaja-mare.example' })).json();
    const contact = (await call(admin, 'POST', '/contacts', { firstName: 'Єлизавета', lastName: 'Гончаренко', position: 'Directoare tehnică', email: 'liza@honchar.example' })).json();
    const find = async (resource: string, q: string) =>
      ((await call(admin, 'GET', `/${resource}?q=${encodeURIComponent(q)}`)).json().data as { id: string }[]).map((r) => r.id);
    for (const q of ['zbyszko unica', 'strandul', tax.slice(2, 8), 'plaja-mare']) expect(await find('partners', q), q).toEqual([partner.id]);
    for (const q of ['lyzaveta', 'honcharenko', 'гончар', 'directoare tehnica', 'liza@honchar']) expect(await find('contacts', q), q).toEqual([contact.id]);
    // every word must match, not just one
    expect(await find('partners', 'zbyszko nimic')).toEqual([]);
    // a change is searchable at once
    await call(admin, 'PATCH', `/partners/${partner.id}`, { name: 'Redenumită Kowalczyk', version: partner.version });
    expect(await find('partners', 'kowalczyk')).toEqual([partner.id]);
    expect(await find('partners', 'zbyszko')).toEqual([]);
  });

  it('keeps workspaces apart', async () => {
    const mine = (await call(admin, 'GET', '/partners')).json().data[0];
    expect((await call(other, 'GET', `/partners/${mine.id}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', '/partners')).json().data).toEqual([]);
    expect((await call(other, 'GET', `/partners/${mine.id}/contacts`)).statusCode).toBe(404);
    // the same tax ID may exist in another company's workspace
    expect((await call(other, 'POST', '/partners', { name: 'Nowak', country: 'PL', taxId: '5260250274' })).statusCode).toBe(201);
  });

  it('puts partners in groups and categories (P4) that filter and export, never across workspaces', async () => {
    const group = await call(admin, 'POST', '/partner-groups', { name: 'Distribuitori', color: '#1c7ed6' });
    expect(group.statusCode).toBe(201);
    const badColour = await call(admin, 'POST', '/partner-groups', { name: 'Roșii', color: 'red' });
    expect(badColour.statusCode).toBe(400);
    expect(badColour.json().errors[0].path).toBe('color');
    const groupId = group.json().id;
    const inGroup = await call(admin, 'POST', '/partners', { name: 'Grupul Nord SRL', groupId, categories: ['horeca', 'retail'] });
    expect(inGroup.statusCode).toBe(201);
    await call(admin, 'POST', '/partners', { name: 'Fără Grup SRL', categories: ['retail'] });
    const byGroup = await call(admin, 'GET', `/partners?filter=${encodeURIComponent(JSON.stringify({ field: 'groupId', op: 'eq', value: groupId }))}`);
    expect(byGroup.json().data.map((p: { name: string }) => p.name)).toEqual(['Grupul Nord SRL']);
    const byGroupName = await call(admin, 'GET', `/partners?filter=${encodeURIComponent(JSON.stringify({ field: 'group.name', op: 'eq', value: 'Distribuitori' }))}`);
    expect(byGroupName.json().data.map((p: { name: string }) => p.name)).toEqual(['Grupul Nord SRL']);
    const byCategory = await call(admin, 'GET', `/partners?filter=${encodeURIComponent(JSON.stringify({ field: 'categories', op: 'in', value: ['horeca'] }))}`);
    expect(byCategory.json().data.map((p: { name: string }) => p.name)).toEqual(['Grupul Nord SRL']);
    const csv = await call(admin, 'GET', `/partners/export?format=csv&filter=${encodeURIComponent(JSON.stringify({ field: 'categories', op: 'in', value: ['retail'] }))}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Grupul Nord SRL');
    expect(csv.body).toContain('Fără Grup SRL');
    // another workspace's group cannot be used, and members cannot change the list
    const foreign = await call(other, 'POST', '/partners', { name: 'Străin SRL', groupId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].path).toBe('groupId');
    expect((await call(rep, 'GET', '/partner-groups')).json().data.map((g: { name: string }) => g.name)).toEqual(['Distribuitori']);
    expect((await call(rep, 'POST', '/partner-groups', { name: 'Ai mei' })).statusCode).toBe(403);
  });

  it('describes the entries of its lists (addresses, bank accounts, yearly figures, ID documents) for the forms', async () => {
    const meta = (await t.app.inject({ method: 'GET', url: '/api/v1/meta', headers: admin.headers })).json();
    const fieldOf = (entity: string, name: string) =>
      meta.entities.find((e: { name: string }) => e.name === entity).fields.find((f: { name: string }) => f.name === name);
    expect(fieldOf('partner', 'addresses').items).toContainEqual({ name: 'type', type: 'enum', required: true, values: ['legal', 'mailing', 'delivery', 'home', 'other'] });
    expect(fieldOf('partner', 'addresses').items).toContainEqual({ name: 'city', type: 'string', required: false, max: 100 });
    expect(fieldOf('partner', 'financials').items).toContainEqual({ name: 'year', type: 'integer', required: true });
    expect(fieldOf('partner', 'bankAccounts').items.map((i: { name: string }) => i.name)).toEqual(['iban', 'bic', 'bankName', 'currency']);
    expect(fieldOf('contact', 'idDocuments').items).toContainEqual({ name: 'validUntil', type: 'date', required: false });
    expect(fieldOf('partner', 'name').items).toBeUndefined();
    expect(fieldOf('contact', 'messaging')).toMatchObject({ keyValue: true });
    expect(fieldOf('contact', 'messaging').items).toBeUndefined();
    // named values are text: a number or a list is refused
    const bad = await call(admin, 'POST', '/contacts', { lastName: 'Mesaj', messaging: { whatsapp: 40712345678 } });
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([400, 'messaging.whatsapp']);
  });

  it('keeps several bank accounts (checked IBAN/BIC), yearly figures and the ID documents of a contact', async () => {
    const res = await call(admin, 'POST', '/partners', {
      name: 'Conturi Multiple SRL',
      bankAccounts: [
        { iban: 'ro49 aaaa 1b31 0075 9384 0000', bic: 'rncbrobu', bankName: 'BCR', currency: 'RON' },
        { iban: 'DE89 3704 0044 0532 0130 00', currency: 'EUR' },
      ],
      financials: [{ year: 2024, turnover: '1250000.00', profit: '-3500.50', employees: 14, currency: 'RON' }, { year: 2025, turnover: '1400000.00' }],
      addresses: [{ type: 'delivery', street: 'Str. Depozitelor 3', city: 'Ploiești', country: 'RO' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().bankAccounts.map((a: { iban: string; bic?: string }) => [a.iban, a.bic])).toEqual([
      ['RO49AAAA1B31007593840000', 'RNCBROBU'],
      ['DE89370400440532013000', undefined],
    ]);
    const bad = await call(admin, 'POST', '/partners', {
      name: 'Greșit SRL',
      bankAccounts: [{ iban: 'RO49AAAA1B31007593840001' }],
      financials: [{ year: 2024 }, { year: 2024 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'bankAccounts.0.iban', message: 'validation.bank.ibanChecksum' },
      { path: 'financials', message: 'One entry per year' },
    ]);
    const contact = await call(admin, 'POST', '/contacts', { lastName: 'Documentat', idDocuments: [{ type: 'idCard', number: 'RX 123456', issuedBy: 'SPCLEP Iași', validUntil: '2031-05-01' }] });
    expect(contact.statusCode, contact.body).toBe(201);
    expect(contact.json().idDocuments).toEqual([{ type: 'idCard', number: 'RX 123456', issuedBy: 'SPCLEP Iași', validUntil: '2031-05-01' }]);
    expect((await call(admin, 'POST', '/contacts', { lastName: 'X', idDocuments: [{ type: 'tattoo', number: '1' }] })).statusCode).toBe(400);
  });
});
