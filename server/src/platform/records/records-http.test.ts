import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { customFieldRoutes } from '../../modules/admin/custom-field.routes.ts';
import { orgUnitRoutes } from '../../modules/admin/org-unit.routes.ts';
import { savedViewRoutes } from '../../modules/admin/saved-view.routes.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { loadActor } from '../access/load-actor.ts';
import { errorHandler } from '../http/problem.ts';
import { DiskBlobStore } from '../files/blob-store.ts';
import { Worker } from '../jobs/worker.ts';
import { Mailer } from '../mail/mailer.ts';
import { NotificationHub } from '../notifications/hub.ts';
import { metaRoutes } from './meta.ts';
import { registerEntityRoutes } from './routes.ts';
import { itemEntity, type RecordsFixture, setupRecordsFixture } from './test-fixture.ts';

// The records routes over HTTP with real services and database. Signing in is the auth module's
// job; this harness resolves the actor from a test header with the real loadActor instead.
let database: Database;
let app: FastifyInstance;
let f: RecordsFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await setupRecordsFixture(database);
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const config = loadConfig({ ...process.env, SECRET: 'test-secret-that-is-long-enough-for-signing', DATA_DIR: '/tmp/kontakt-records-http' });
  app.decorate('ctx', { config, database, db: database.db, mailer: new Mailer(config, database.db), blobs: new DiskBlobStore('/tmp/kontakt-records-http/files'), worker: new Worker(database.db), notifications: new NotificationHub(database) });
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const userId = request.headers['x-test-user'];
    request.actor = typeof userId === 'string' ? await loadActor(database.db, userId, 'session') : null;
  });
  await app.register(
    async (api) => {
      await metaRoutes(api);
      await orgUnitRoutes(api);
      await customFieldRoutes(api);
      await savedViewRoutes(api);
      await registerEntityRoutes(api, itemEntity);
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

type Who = 'admin' | 'member' | 'reader' | 'foreign';
function call(who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method, url, payload: payload as object, headers: { 'x-test-user': f[who].userId, ...headers } });
}

describe(`records over HTTP (${testDatabaseKind})`, () => {
  it('creates, lists with a JSON filter and sort, gets, and pages with nextCursor', async () => {
    for (const name of ['Cluj', 'Brașov', 'Arad']) {
      const res = await call('admin', 'POST', '/api/v1/test-items', { name, qty: name.length });
      expect(res.statusCode).toBe(201);
    }
    const filter = encodeURIComponent(JSON.stringify({ field: 'name', op: 'contains', value: 'BRASOV' }));
    const found = await call('admin', 'GET', `/api/v1/test-items?filter=${filter}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().data.map((r: { name: string }) => r.name)).toEqual(['Brașov']);

    const first = (await call('admin', 'GET', '/api/v1/test-items?sort=-name&limit=2&fields=name')).json();
    expect(first.data).toEqual([expect.objectContaining({ name: 'Cluj' }), expect.objectContaining({ name: 'Brașov' })]);
    expect(first.data[0]).not.toHaveProperty('qty');
    const second = (await call('admin', 'GET', `/api/v1/test-items?sort=-name&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ data: [expect.objectContaining({ name: 'Arad' })], nextCursor: null });

    const queried = await call('admin', 'POST', '/api/v1/test-items/query', { filter: { field: 'qty', op: 'gte', value: 5 }, sort: 'name' });
    expect(queried.json().data.map((r: { name: string }) => r.name)).toEqual(['Brașov']);
    const one = await call('admin', 'GET', `/api/v1/test-items/${first.data[0].id}`);
    expect(one.json()).toMatchObject({ name: 'Cluj', version: 1, custom: {} });
  });

  it('answers bad filters, sorts and cursors with 400 problem+json naming the path', async () => {
    const bad = async (query: string) => {
      const res = await call('admin', 'GET', `/api/v1/test-items?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json();
    };
    expect((await bad('filter=%7Bnot-json')).errors).toEqual([{ path: 'filter', message: 'Not valid JSON' }]);
    const unknown = await bad(`filter=${encodeURIComponent(JSON.stringify({ field: 'password', op: 'eq', value: 'x' }))}`);
    expect(unknown.errors[0].path).toBe('filter.field');
    expect((await bad('sort=secretNote')).errors[0].path).toBe('sort');
    expect((await bad('cursor=abc')).errors[0].path).toBe('cursor');
    const strict = await call('admin', 'POST', '/api/v1/test-items/query', { filter: {}, where: '1=1' });
    expect(strict.statusCode).toBe(400);
  });

  it('uses If-Match for optimistic locking and returns 409 with the current version', async () => {
    const created = (await call('admin', 'POST', '/api/v1/test-items', { name: 'Lock' })).json();
    const url = `/api/v1/test-items/${created.id}`;
    const missing = await call('admin', 'PATCH', url, { name: 'No version' });
    expect(missing.statusCode).toBe(400);
    const ok = await call('admin', 'PATCH', url, { name: 'Locked' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await call('admin', 'PATCH', url, { name: 'Stale' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', currentVersion: 2 });
    const body = await call('admin', 'PATCH', url, { name: 'Body version', version: 2 });
    expect(body.json()).toMatchObject({ name: 'Body version', version: 3 });
    const unknownField = await call('admin', 'PATCH', url, { name: 'x', version: 3, path: '/hack/' });
    expect(unknownField.statusCode).toBe(400);
  });

  it('deletes to the trash, lists the trash, restores, and shows history', async () => {
    const created = (await call('admin', 'POST', '/api/v1/test-items', { name: 'Trash me' })).json();
    const url = `/api/v1/test-items/${created.id}`;
    expect((await call('admin', 'DELETE', url)).json().deletedAt).toEqual(expect.any(String));
    expect((await call('admin', 'GET', url)).statusCode).toBe(404);
    const trash = (await call('admin', 'GET', '/api/v1/test-items?trash=true')).json();
    expect(trash.data.map((r: { id: string }) => r.id)).toEqual([created.id]);
    expect((await call('admin', 'POST', `${url}/restore`)).statusCode).toBe(200);
    const history = (await call('admin', 'GET', `${url}/history`)).json();
    expect(history.data.map((h: { action: string }) => h.action)).toEqual(['restored', 'deleted', 'created']);
    expect(history.data[2]).toMatchObject({ actorName: 'Ana Admin', changes: { name: [null, 'Trash me'] } });
  });

  it('answers bulk per item', async () => {
    const a = (await call('admin', 'POST', '/api/v1/test-items', { name: 'Bulk 1' })).json();
    const other = (await call('foreign', 'GET', '/api/v1/org-units')).json();
    expect(other.data).toEqual([]);
    const res = await call('admin', 'POST', '/api/v1/test-items/bulk', {
      action: 'update',
      ids: [a.id, f.unitId],
      patch: { status: 'won' },
    });
    expect(res.json().results).toEqual([
      { id: a.id, ok: true },
      { id: f.unitId, ok: false, error: { code: 'NOT_FOUND', message: 'testItem was not found' } },
    ]);
  });

  it('streams CSV and XLSX exports', async () => {
    const csv = await call('admin', 'GET', '/api/v1/test-items/export?format=csv&sort=name&language=en');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="test-items-.*\.csv"/);
    const rows = parse(csv.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Name)).toContain('Brașov');
    const xlsx = await call('admin', 'GET', '/api/v1/test-items/export?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(rows.length + 1);
    expect((await call('reader', 'GET', '/api/v1/test-items/export')).statusCode).toBe(403);
  });

  it('keeps workspaces apart: 404 for another workspace’s ids, nothing in its lists and exports', async () => {
    const mine = (await call('admin', 'POST', '/api/v1/test-items', { name: 'Workspace A only' })).json();
    const url = `/api/v1/test-items/${mine.id}`;
    expect((await call('foreign', 'GET', url)).statusCode).toBe(404);
    expect((await call('foreign', 'PATCH', url, { name: 'x', version: 1 })).statusCode).toBe(404);
    expect((await call('foreign', 'DELETE', url)).statusCode).toBe(404);
    expect((await call('foreign', 'POST', `${url}/restore`)).statusCode).toBe(404);
    expect((await call('foreign', 'GET', `${url}/history`)).statusCode).toBe(404);
    expect((await call('foreign', 'GET', '/api/v1/test-items')).json().data).toEqual([]);
    expect((await call('foreign', 'GET', '/api/v1/test-items/export')).body).not.toContain('Workspace A only');
    expect((await call('admin', 'GET', url)).json()).toMatchObject({ name: 'Workspace A only', version: 1 });
  });

  it('serves meta, custom fields and saved views', async () => {
    const cf = await call('admin', 'POST', '/api/v1/custom-fields', {
      entity: 'testItem',
      key: 'vip',
      type: 'boolean',
      label: { en: 'VIP', ro: 'VIP', uk: 'VIP' },
    });
    expect(cf.statusCode).toBe(201);
    expect((await call('member', 'POST', '/api/v1/custom-fields', { entity: 'testItem', key: 'x', type: 'text', label: { en: 'X' } })).statusCode).toBe(403);
    const meta = (await call('member', 'GET', '/api/v1/meta')).json();
    const item = meta.entities.find((e: { name: string }) => e.name === 'testItem');
    expect(item.customFields.map((c: { path: string }) => c.path)).toEqual(['custom.vip']);
    expect(item.permissions.read).toBe('own');
    const view = await call('member', 'POST', '/api/v1/saved-views', {
      entity: 'testItem',
      name: 'VIPs',
      definition: { filter: { field: 'custom.vip', op: 'eq', value: true }, columns: ['name', 'custom.vip'] },
    });
    expect(view.statusCode).toBe(201);
    expect((await call('reader', 'GET', '/api/v1/saved-views')).json().data).toEqual([]);
    expect((await call('member', 'GET', '/api/v1/saved-views?entity=testItem')).json().data).toHaveLength(1);
  });
});
