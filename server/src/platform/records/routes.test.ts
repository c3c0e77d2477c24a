import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`generated routes, anonymous (${testDatabaseKind})`, () => {
  it('publishes every generated endpoint in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/org-units',
      '/api/v1/org-units/query',
      '/api/v1/org-units/export',
      '/api/v1/org-units/bulk',
      '/api/v1/org-units/{id}',
      '/api/v1/org-units/{id}/restore',
      '/api/v1/org-units/{id}/history',
      '/api/v1/meta',
      '/api/v1/custom-fields',
      '/api/v1/saved-views',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.paths['/api/v1/org-units'].get.summary).toBe('List org-units');
  });

  it('answers 401 problem+json without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/org-units'],
      ['GET', '/api/v1/meta'],
      ['GET', '/api/v1/org-units/export?format=csv'],
      ['GET', '/api/v1/saved-views'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('validates bodies and parameters strictly before anything else', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/org-units', payload: { name: 'X', bogus: true } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION' });
    const limit = await t.app.inject({ method: 'GET', url: '/api/v1/org-units?limit=501' });
    expect(limit.statusCode).toBe(400);
    const id = await t.app.inject({ method: 'GET', url: '/api/v1/org-units/not-a-uuid' });
    expect(id.statusCode).toBe(400);
  });
});
