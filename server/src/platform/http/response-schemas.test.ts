import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { type EntityDescriptor, getEntity, listEntities } from '../records/descriptor.ts';

// Every response schema must admit what the database can hold: each entity is created with only its
// required fields (everything else NULL or default), then every GET endpoint that can show it is read.

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let admin: SignedIn;
let doc: OpenApi;
/** entity name → id of the record made with its required fields only */
const made = new Map<string, string>();
const failures: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
  made.set('user', admin.userId);
});
afterAll(() => t.close());

const call = (method: string, url: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: admin.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const entityOfId = (entity: EntityDescriptor | undefined, property: string): string | undefined => {
  const field = entity?.fieldByName.get(property);
  if (field?.type === 'reference') return field.to;
  const guess = property.replace(/Ids?$/, '');
  return listEntities().some((e) => e.name === guess) ? guess : undefined;
};

/** A value the schema accepts, as plain as possible; uuids of known entities are records made for them. */
async function sample(schema: JsonSchema, property: string, entity: EntityDescriptor | undefined, oneItem = false): Promise<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sample(variants.find((v) => v.type !== 'null') ?? variants[0]!, property, entity, oneItem);
  if (schema.allOf?.length) return sample(Object.assign({}, ...schema.allOf), property, entity, oneItem);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = await sample(schema.properties?.[key] ?? {}, key, entity, oneItem);
      return out;
    }
    case 'array': {
      const items: unknown[] = [];
      const count = Math.max(schema.minItems ?? 0, oneItem ? 1 : 0);
      for (let i = 0; i < count; i++) items.push(await sample(schema.items ?? {}, property, entity, oneItem));
      return items;
    }
    case 'number':
    case 'integer':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    default: {
      if (schema.format === 'uuid') {
        const target = property === 'recordId' ? 'partner' : entityOfId(entity, property);
        return target ? ensure(target) : admin.userId;
      }
      // ends and range ends come after starts
      const end = /^(to|until)$|ends?(At|On)?$|To$/.test(property);
      if (schema.format === 'date') return end ? '2026-03-31' : '2026-03-01';
      if (schema.format === 'date-time') return end ? '2026-03-02T09:00:00Z' : '2026-03-02T08:00:00Z';
      if (schema.format === 'email') return 'minimal@example.com';
      if (schema.format === 'uri') return 'https://example.com';
      if (property === 'entity') return 'partner';
      if (property === 'recordId') return ensure('partner');
      const candidates = ['1', 'RON', 'RO', 'ro', '2026-03-01', 'Minimal'];
      if (schema.pattern) return candidates.find((c) => new RegExp(schema.pattern!).test(c)) ?? '1';
      if (schema.minLength === 3 || property.toLowerCase().endsWith('currency')) return 'RON';
      return `Minimal ${property}`;
    }
  }
}

// Rules that ask for one of several optional fields, or for a field when another has some value.
const EXTRA: Record<string, () => Promise<object>> = {
  callback: async () => ({ partnerId: await ensure('partner') }),
  taskChain: async () => ({ partnerId: await ensure('partner') }),
  taskChainTemplate: async () => ({ steps: [{ title: 'Minimal step', type: 'call', assignee: 'user', assigneeId: admin.userId, offsetDays: 1 }] }),
};
// Writes of sales, products, activities and calendar beside the records' own create.
const BESPOKE_WRITES: [string, string, (() => Promise<object>)?][] = [
  ['PUT', '/api/v1/price-lists/{id}/items'],
  // a line of a product with no VAT rate and no price of its own
  ['PUT', '/api/v1/offers/{id}/lines', async () => ({ version: 1, lines: [{ productId: await ensure('product'), quantity: '1', unitPrice: '10' }] })],
  ['PUT', '/api/v1/orders/{id}/lines', async () => ({ version: 1, lines: [{ productId: await ensure('product'), quantity: '1', unitPrice: '10' }] })],
  ['POST', '/api/v1/tasks/{id}/comments'],
  ['PUT', '/api/v1/partners/{id}/competitors'],
  ['PUT', '/api/v1/opportunities/{id}/competitors'],
  ['PUT', '/api/v1/exchange-rates'],
  ['PUT', '/api/v1/calendar/settings', async () => ({ workDays: [1], workStart: '08:00', workEnd: '16:00' })],
  ['POST', '/api/v1/calendar/feed-token'],
  ['POST', '/api/v1/leads/{id}/convert'],
];
// Endpoints whose refusal is a rule about the data set, not about a response.
const NEEDS_MORE = new Set(['/api/v1/leads/rotation']);

/** The record of an entity made with its required fields only (its references made the same way). */
async function ensure(name: string): Promise<string> {
  const known = made.get(name);
  if (known) return known;
  const entity = getEntity(name);
  if (!entity) throw new Error(`no entity ${name}`);
  const body = doc.paths[`/api/v1/${entity.resource}`]?.post?.requestBody?.content?.['application/json']?.schema ?? {};
  const payload = { ...((await sample({ ...body, type: 'object' }, '', entity)) as object), ...(await (EXTRA[name]?.() ?? {})) };
  const res = await call('POST', `/api/v1/${entity.resource}`, payload);
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`POST ${entity.resource} ${JSON.stringify(payload)} → ${res.statusCode} ${res.body}`);
  const id = (res.json() as { id: string }).id;
  made.set(name, id);
  return id;
}

describe(`responses admit what the database holds (${testDatabaseKind})`, () => {
  it('creates every entity with only its required fields, and reads it from every endpoint that shows it', async () => {
    for (const entity of listEntities()) {
      if (!doc.paths[`/api/v1/${entity.resource}`]?.post) continue;
      try {
        await ensure(entity.name);
      } catch (error) {
        failures.push(String(error));
      }
    }
    // the bespoke writes that put the minimal records into lists of their own (a product without VAT
    // rate in a price list and on offer and order lines, a comment, competitors, rates, calendar settings …)
    const lead = await call('POST', '/api/v1/partners', { name: 'Minimal lead', status: 'lead' });
    for (const [method, path, bodyOf] of BESPOKE_WRITES) {
      const operation = doc.paths[path]?.[method.toLowerCase()];
      if (!operation) {
        failures.push(`${method} ${path} is not in the API any more`);
        continue;
      }
      const entity = listEntities().find((e) => e.resource === path.split('/')[3]);
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const payload = bodyOf ? await bodyOf() : body ? await sample(body, '', entity, true) : undefined;
      const url = path.replace('{id}', path.startsWith('/api/v1/leads/') ? lead.json().id : entity ? await ensure(entity.name) : '');
      const res = await call(method, url, payload);
      if (res.statusCode >= 300) failures.push(`${method} ${url} ${JSON.stringify(payload)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    await t.ctx.worker.drain();

    const byResource = new Map(listEntities().map((e) => [e.resource, e]));
    let read = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      const get = operations.get;
      // server-sent events never end: not a response to read whole
      if (!get || !path.startsWith('/api/v1/') || NEEDS_MORE.has(path) || path.endsWith('/stream')) continue;
      const resource = path.split('/')[3]!;
      const entity = byResource.get(resource);
      // a path naming one of fixed values (a report's kind) is read for each of them
      let urls = [path];
      let unresolved = false;
      for (const param of (get.parameters ?? []).filter((p) => p.in === 'path')) {
        const target = param.name === 'id' ? entity?.name : entityOfId(entity, param.name);
        const values = param.schema?.enum ? param.schema.enum.map(String) : [target ? made.get(target) : undefined];
        if (values.some((v) => !v)) unresolved = true;
        urls = urls.flatMap((u) => values.map((v) => u.replace(`{${param.name}}`, v ?? '')));
      }
      // ids of things not made here (imports, jobs, mail outbox, task dispatches, attachments' content)
      if (unresolved) continue;
      const query = new URLSearchParams();
      for (const param of (get.parameters ?? []).filter((p) => p.in === 'query' && p.required)) {
        query.set(param.name, String(await sample(param.schema ?? {}, param.name, entity)));
      }
      for (const url of urls) {
        const res = await call('GET', query.size ? `${url}?${query}` : url);
        read += 1;
        if (res.statusCode !== 200) failures.push(`GET ${url}?${query} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(made.size).toBeGreaterThan(20);
    expect(read).toBeGreaterThan(100);
  }, 300_000);
});
