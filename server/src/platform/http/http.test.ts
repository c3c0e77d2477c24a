import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('HTTP conventions', () => {
  it('GET /api/health answers ok with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testDatabaseKind, version: t.ctx.config.version });
  });

  it('serves a valid OpenAPI 3.1 document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const document = res.json();
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('serves the API reference page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/api/openapi.json');
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers malformed JSON, oversized bodies, unknown fields and wrong types with problem+json, writing nothing', async () => {
    const admin = await setupWorkspace(t);
    const count = async () =>
      (await t.ctx.db.selectFrom('orgUnit').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const post = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/org-units',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload,
      });
    const malformed = await post('{"name": "Vânzări",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const huge = await post(JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('TOO_LARGE');
    const unknown = await post(JSON.stringify({ name: 'Ok', colour: 'red' }));
    expect(unknown.statusCode).toBe(400);
    const wrongType = await post(JSON.stringify({ name: 42 }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].path).toBe('name');
    const sqlish = await post(JSON.stringify({ name: "Robert'); drop table org_unit; --" }));
    expect(sqlish.statusCode).toBe(201);
    expect(sqlish.json().name).toBe("Robert'); drop table org_unit; --");
    expect(Number(await count())).toBe(Number(before) + 1);
  });
});
