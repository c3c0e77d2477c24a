import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { encodeCodePage, multipartFile } from '../../test/files.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, ...(payload ? { payload } : {}) });
const upload = async (fileName: string, content: Buffer) => {
  const body = multipartFile(fileName, content);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports?entity=partner', payload: body.payload, headers: { ...admin.headers, ...body.headers } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
async function run(id: string, body: object) {
  const res = await call('POST', `/imports/${id}/run`, body);
  expect(res.statusCode, res.body).toBe(202);
  await t.ctx.worker.drain();
  return (await call('GET', `/imports/${id}`)).json();
}
const names = (q: string) => call('GET', `/partners?sort=name&q=${encodeURIComponent(q)}`).then((r) => r.json().data.map((p: { name: string }) => p.name));

// ş ţ (cedilla, U+015F U+0163) are the letters Windows-1250 has; Romanian writes ș ț (comma below, U+0219 U+021B)
describe(`old Romanian letters ş ţ and the correct ș ț (${testDatabaseKind})`, () => {
  it('offers to correct ş ţ to ș ț in a Romanian Windows-1250 file, and corrects every cell when asked', async () => {
    const file = encodeCodePage('Denumire;Oraş;Stradă\nŞcoala Ţesătorilor SRL;Timişoara;Str. Ştefan cel Mare\nFabrica de Ţuică SA;Bacău;\n', 'windows-1250');
    const a = await upload('parteneri.csv', file);
    expect(a).toMatchObject({ encoding: 'windows-1250', cedillaLetters: true, correctCedillasSuggested: true, correctCedillas: false });
    // the preview shows the file as it is
    expect(a.preview[0][0]).toBe('Şcoala Ţesătorilor SRL');
    const done = await run(a.id, { mapping: ['name', 'city', 'street'], correctCedillas: true });
    expect(done).toMatchObject({ status: 'done', createdCount: 2, correctCedillas: true });
    const rows = await t.ctx.db.selectFrom('partner').select(['name', 'city', 'street']).where('workspaceId', '=', admin.workspaceId).orderBy('name').execute();
    expect(rows).toEqual([
      { name: 'Fabrica de Țuică SA', city: 'Bacău', street: null },
      { name: 'Școala Țesătorilor SRL', city: 'Timișoara', street: 'Str. Ștefan cel Mare' },
    ]);
  });

  it('stores names as typed without the option, and search and duplicates take ş ţ and ș ț for the same letter', async () => {
    const a = await upload('vechi.csv', encodeCodePage('Denumire;Oraş\nŞantierul Naval Ţărmure SRL;Constanţa\n', 'windows-1250'));
    expect(await run(a.id, { mapping: ['name', 'city'] })).toMatchObject({ createdCount: 1, correctCedillas: false });
    const stored = await t.ctx.db.selectFrom('partner').select(['name', 'city']).where('name', 'like', '%antierul%').executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'Şantierul Naval Ţărmure SRL', city: 'Constanţa' });
    // search: typed with either letter, or none
    expect(await names('Șantierul Naval Țărmure')).toEqual(['Şantierul Naval Ţărmure SRL']);
    expect(await names('şantierul')).toEqual(['Şantierul Naval Ţărmure SRL']);
    expect(await names('Școala Țesătorilor')).toEqual(['Școala Țesătorilor SRL']);
    expect(await names('Şcoala Ţesătorilor')).toEqual(['Școala Țesătorilor SRL']);
    expect(await names('santierul tarmure')).toEqual(['Şantierul Naval Ţărmure SRL']);
    // a file in the right letters finds the old spelling as the same partner
    const b = await upload('noi.csv', Buffer.from('Denumire;Oraș\nȘantierul Naval Țărmure SRL;Constanța\n'));
    expect(b).toMatchObject({ encoding: 'utf-8', cedillaLetters: false, correctCedillasSuggested: false });
    expect(await run(b.id, { mapping: ['name', 'city'] })).toMatchObject({ createdCount: 0, duplicateCount: 1 });
    // the duplicate finder pairs the two spellings
    const made = (await call('POST', '/partners', { name: 'Țesătoria Șiret SRL', country: 'RO' })).json();
    const old = (await call('POST', '/partners', { name: 'Ţesătoria Şiret SRL', country: 'RO' })).json();
    const pairs = (await call('GET', `/partners/duplicates?partnerId=${old.id}`)).json().data as { bId: string; reason: string; similarity: number }[];
    expect(pairs).toEqual([expect.objectContaining({ bId: made.id, reason: 'name', similarity: 1 })]);
  });

  it('does not suggest the correction for a file that is not Romanian (ş in Turkish), but still offers it', async () => {
    const a = await upload('firmalar.csv', Buffer.from('Ad;Şehir\nKaraş Ltd;Muş\n'));
    expect(a).toMatchObject({ cedillaLetters: true, correctCedillasSuggested: false });
  });
});
