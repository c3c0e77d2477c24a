import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { foldLine, toVCard } from './vcard.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
});
afterAll(() => t.close());

const parse = (text: string) => {
  const parsed = ICAL.parse(text) as unknown;
  const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  return list.map((jcard) => new ICAL.Component(jcard as never));
};

describe(`vCard export (${testDatabaseKind})`, () => {
  it('writes cards a real vCard parser reads back, in every script', async () => {
    const people = [
      { firstName: 'Ștefan', lastName: 'Munteanu', email: 'stefan@firma.ro', position: 'Director; vânzări, Est', phone: '+40 721 000 111' },
      { firstName: 'Łukasz', lastName: 'Żółkiewski', email: 'lukasz@firma.pl', mobile: '+48 600 100 200' },
      { firstName: 'Árpád', lastName: 'Kőrösi', birthday: '1970-08-20', messaging: { whatsapp: '+36301234567' } },
      { firstName: 'Олександр', lastName: 'Шевченко', position: 'Головний бухгалтер відділу закупівель та постачання продукції' },
    ];
    const partner = (await t.app.inject({ method: 'POST', url: '/api/v1/partners', headers: admin.headers, payload: { name: 'Firma SRL', country: 'RO' } })).json();
    const ids: string[] = [];
    for (const p of people) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: admin.headers, payload: p });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    await t.app.inject({ method: 'PUT', url: `/api/v1/partners/${partner.id}/contacts/${ids[0]}`, headers: admin.headers, payload: { isPrimary: true } });

    const one = await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${ids[0]}/vcard`, headers: admin.headers });
    expect(one.headers['content-type']).toContain('text/vcard');
    const [card] = parse(one.body);
    expect(card!.getFirstPropertyValue('fn')).toBe('Ștefan Munteanu');
    expect(card!.getFirstPropertyValue('title')).toBe('Director; vânzări, Est');
    expect(card!.getFirstPropertyValue('org')).toBe('Firma SRL');
    expect(card!.getFirstPropertyValue('email')).toBe('stefan@firma.ro');

    const all = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/vcards?sort=lastName', headers: admin.headers });
    const cards = parse(all.body);
    expect(cards.map((c) => c.getFirstPropertyValue('fn'))).toEqual(['Árpád Kőrösi', 'Ștefan Munteanu', 'Łukasz Żółkiewski', 'Олександр Шевченко']);
    const ua = cards.find((c) => String(c.getFirstPropertyValue('fn')).startsWith('Олександр'))!;
    expect(ua.getFirstPropertyValue('title')).toBe('Головний бухгалтер відділу закупівель та постачання продукції');
    expect(all.body.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const filtered = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/vcards?filter=${encodeURIComponent(JSON.stringify({ field: 'lastName', op: 'contains', value: 'zolk' }))}`,
      headers: admin.headers,
    });
    expect(parse(filtered.body)).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/contacts/vcards?filter={bad', headers: admin.headers })).statusCode).toBe(400);
  });

  it('folds long lines without splitting a character and escapes special characters', () => {
    const folded = foldLine(`NOTE:${'ă'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`NOTE:${'ă'.repeat(60)}`);
    expect(toVCard({ id: '00000000-0000-7000-8000-000000000001', lastName: 'A;B', notes: 'line1\nline2' })).toContain('NOTE:line1\\nline2');
  });
});
