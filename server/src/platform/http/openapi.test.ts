import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { operationIdOf } from './openapi.ts';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

let t: TestApp;
let operations: { method: string; path: string; op: Operation }[];
let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
beforeAll(async () => {
  t = await createTestApp();
  document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(() => t.close());

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

describe('OpenAPI document', () => {
  it('names every operation with a unique operationId', () => {
    expect(operations.length).toBeGreaterThan(300);
    const missing = operations.filter((o) => !o.op.operationId).map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/v1/partners/{id}']?.patch?.operationId).toBe('patchPartnersById');
  });

  it('documents the problem+json errors of every operation from the one Problem schema', () => {
    expect(document.components.schemas.Problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail']),
    });
    const gaps: string[] = [];
    for (const { method, path, op } of operations) {
      const statuses = Object.keys(op.responses);
      const expected = ['400'];
      const authenticated = !(Array.isArray(op.security) && op.security.length === 0);
      if (authenticated) expected.push('401', '403');
      if (path.includes('{')) expected.push('404');
      const write = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
      if (write) expected.push('422');
      const versioned =
        op.parameters?.some((p) => p.in === 'header' && p.name === 'if-match') ||
        Object.values(op.requestBody?.content ?? {}).some((c) => c.schema?.properties?.version);
      if (write && versioned) expected.push('409');
      for (const status of expected) {
        if (!statuses.includes(status)) gaps.push(`${method} ${path}: no ${status}`);
        else if (JSON.stringify(op.responses[status]?.content) !== JSON.stringify(PROBLEM)) gaps.push(`${method} ${path}: ${status} is not a Problem`);
      }
      if (!statuses.some((s) => s.startsWith('2'))) gaps.push(`${method} ${path}: no success response`);
    }
    expect(gaps).toEqual([]);
    // statuses a route declares beyond the derived ones: uploads too large, sign-ups too many
    expect(Object.keys(document.paths['/api/v1/attachments']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['413', '415']));
    expect(Object.keys(document.paths['/api/v1/workspaces/sign-up']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['403', '429']));
    // a versioned write documents its conflict
    expect(Object.keys(document.paths['/api/v1/partners/{id}']?.patch?.responses ?? {})).toContain('409');
  });

  it('keeps to JSON Schema keywords (custom annotations are x- extensions)', () => {
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/"reference":"user"/);
    expect(text).toContain('"x-reference":"user"');
  });

  it('derives operationIds from method and route', () => {
    expect(operationIdOf('GET', '/api/v1/partners')).toBe('getPartners');
    expect(operationIdOf('POST', '/api/v1/leads/:id/convert')).toBe('postLeadsByIdConvert');
    expect(operationIdOf('GET', '/api/v1/imports/:id/rejected.csv')).toBe('getImportsByIdRejectedCsv');
    expect(operationIdOf('GET', '/api/health')).toBe('getHealth');
    expect(operationIdOf('GET', '/ical/:file')).toBe('getIcalByFile');
  });
});
