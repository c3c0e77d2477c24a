import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { listEntities } from './descriptor.ts';

// A reference picker (web/src/records/field-input.tsx) asks the target entity's list for
// `fields=id,<displayField>` and, as the user types, `q=<what was typed>`. Every entity a reference
// field points at must answer both, and find its records whatever diacritics the user leaves out.

let t: TestApp;
let admin: SignedIn;

type Method = 'GET' | 'POST' | 'PATCH';
const call = (method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const created = async (url: string, payload: unknown): Promise<{ id: string } & Record<string, unknown>> => {
  const res = await call('POST', url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};

/** The ids of the entities some reference field points at: what a picker can search. */
const pickable = () => [...new Set(listEntities().flatMap((e) => e.allFields.filter((f) => f.type === 'reference').map((f) => f.to!)))].sort();

/** For each pickable entity: a record (made here) and what a user types to find it, without diacritics. */
const records: Record<string, { id: string; typed: string }> = {};

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  const me = (await call('GET', '/me')).json();
  await call('PATCH', `/users/${admin.userId}`, { name: 'Ștefan Țurcanu', version: (await call('GET', `/users/${admin.userId}`)).json().version });
  records.user = { id: me.user.id, typed: 'stefan turc' };
  const partner = await created('/partners', { name: 'Brașov Trans SRL' });
  records.partner = { id: partner.id, typed: 'bras' };
  records.contact = { id: (await created('/contacts', { firstName: 'Ștefan', lastName: 'Țurcanu' })).id, typed: 'stefan' };
  records.partnerGroup = { id: (await created('/partner-groups', { name: 'Distribuitori Mureș' })).id, typed: 'mures' };
  records.event = {
    id: (await created('/events', { kind: 'meeting', subject: 'Întâlnire la Iași', startsAt: '2026-03-03T09:00:00Z', endsAt: '2026-03-03T10:00:00Z' })).id,
    typed: 'intalnire iasi',
  };
  records.resource = { id: (await created('/resources', { name: 'Sală Łódź', kind: 'room' })).id, typed: 'sala lodz' };
  const pipeline = await created('/pipelines', { name: 'Vânzări Győr' });
  records.pipeline = { id: pipeline.id, typed: 'vanzari gyor' };
  const opportunity = await created('/opportunities', { name: 'Acoperiș școală Pécs', partnerId: partner.id });
  records.opportunity = { id: opportunity.id, typed: 'acoperis scoala pecs' };
  records.campaign = { id: (await created('/campaigns', { name: 'Târgul Construct', startsOn: '2026-10-01', endsOn: '2026-10-05' })).id, typed: 'targul' };
  records.orgUnit = { id: (await created('/org-units', { name: 'Vânzări Kraków' })).id, typed: 'krakow' };
  const step = { title: 'Sună clientul', type: 'call', assignee: 'author', offsetDays: 1 };
  const template = await created('/task-chain-templates', { name: 'Îngrijire client nou', steps: [step] });
  records.taskChainTemplate = { id: template.id, typed: 'ingrijire' };
  records.taskChain = { id: (await created('/task-chains', { templateId: template.id, partnerId: partner.id })).id, typed: 'ingrijire client' };
  // an offer is named by its series number (no diacritics to leave out): found by part of it
  const stages = (await call('GET', '/pipelines/default')).json().stages as { id: string; name: string }[];
  let opp = await created('/opportunities', { name: 'Ofertă', partnerId: partner.id, amount: '100.00', currency: 'RON' });
  for (const stage of stages.slice(1, 2)) opp = (await call('POST', `/opportunities/${opp.id}/move`, { stageId: stage.id, version: opp.version })).json();
  const offer = await created(`/opportunities/${opp.id}/offers`, {});
  records.offer = { id: offer.id, typed: String(offer.number).toLowerCase() };
});
afterAll(() => t.close());

describe(`reference pickers (${testDatabaseKind})`, () => {
  it('every entity a reference can point at has a display field, listed in the meta and searchable', async () => {
    const meta = (await call('GET', '/meta')).json() as { entities: { name: string; displayField?: string; fields: { name: string; searchable: boolean }[] }[] };
    for (const name of pickable()) {
      const entity = meta.entities.find((e) => e.name === name);
      expect(entity, name).toBeDefined();
      expect(entity!.displayField, name).toBeTruthy();
      expect(entity!.fields.find((f) => f.name === entity!.displayField)?.searchable, `${name}.${entity!.displayField}`).toBe(true);
    }
    expect(meta.entities.find((e) => e.name === 'contact')!.displayField).toBe('fullName');
    expect(meta.entities.find((e) => e.name === 'event')!.displayField).toBe('subject');
  });

  it('answers a picker’s query on every pickable entity and finds its record without diacritics', async () => {
    expect(Object.keys(records).sort()).toEqual(pickable());
    const meta = (await call('GET', '/meta')).json() as { entities: { name: string; path: string; displayField: string }[] };
    for (const name of pickable()) {
      const entity = meta.entities.find((e) => e.name === name)!;
      const url = `${entity.path.replace('/api/v1', '')}?fields=id,${entity.displayField}&limit=50&q=${encodeURIComponent(records[name]!.typed)}`;
      const res = await call('GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      const rows = res.json().data as Record<string, unknown>[];
      expect(rows.map((r) => r.id), `${name} by "${records[name]!.typed}"`).toContain(records[name]!.id);
      expect(typeof rows[0]![entity.displayField], name).toBe('string');
    }
  });

  it('the contact picker of the event, task and opportunity forms: by name, without diacritics, in either order', async () => {
    for (const typed of ['stefan', 'turcanu', 'ȘTEFAN', 'turcanu stef']) {
      const res = await call('GET', `/contacts?fields=id,fullName&q=${encodeURIComponent(typed)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data, typed).toEqual([{ id: records.contact!.id, fullName: 'Ștefan Țurcanu', version: 1 }]);
    }
  });
});
