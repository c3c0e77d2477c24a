import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, api, qs } from './api.ts';

// A real HTTP peer answering the way the Kontakt server does (problem+json on errors).
let server: Server;
let base = '';
const seen: { method: string; url: string; contentType: string | undefined; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], body });
      const send = (status: number, type: string, payload: string) => {
        response.writeHead(status, { 'content-type': type });
        response.end(payload);
      };
      switch (request.url) {
        case '/ok':
          return send(200, 'application/json', JSON.stringify({ name: 'Ștefan Țăranu' }));
        case '/empty':
          return send(204, 'application/json', '');
        case '/invalid':
          return send(400, 'application/problem+json', JSON.stringify({
            type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The body has invalid fields', code: 'VALIDATION',
            errors: [{ path: 'email', message: 'Invalid email' }, { path: 'custom.vipLevel', message: 'Expected number' }],
          }));
        case '/conflict':
          return send(409, 'application/problem+json', JSON.stringify({ title: 'Conflict', status: 409, detail: 'The record was changed by someone else', code: 'VERSION_CONFLICT' }));
        case '/better-auth':
          return send(400, 'application/json', JSON.stringify({ code: 'INVALID_PASSWORD', message: 'Invalid password' }));
        case '/html':
          return send(502, 'text/html', '<h1>Bad gateway</h1>');
        default:
          return send(404, 'application/problem+json', JSON.stringify({ title: 'Not Found', status: 404, detail: 'Route not found' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
};

describe('api client', () => {
  it('sends JSON and reads JSON', async () => {
    expect(await api<{ name: string }>(`${base}/ok`, { method: 'POST', body: { city: 'Kraków' } })).toEqual({ name: 'Ștefan Țăranu' });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', contentType: 'application/json', body: '{"city":"Kraków"}' });
    expect(await api(`${base}/empty`, { method: 'DELETE' })).toBeNull();
  });

  it('turns problem+json into an ApiError with status, detail, code and field errors', async () => {
    const error = await failure(api(`${base}/invalid`, { method: 'POST', body: {} }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toBe('The body has invalid fields');
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual([
      { path: 'email', message: 'Invalid email' },
      { path: 'custom.vipLevel', message: 'Expected number' },
    ]);
    const conflict = await failure(api(`${base}/conflict`));
    expect([conflict.status, conflict.code, conflict.fieldErrors]).toEqual([409, 'VERSION_CONFLICT', []]);
    expect((await failure(api(`${base}/nowhere`))).status).toBe(404);
  });

  it('understands the auth library’s error shape and non-JSON failures', async () => {
    const auth = await failure(api(`${base}/better-auth`, { method: 'POST', body: {} }));
    expect([auth.status, auth.code, auth.message]).toEqual([400, 'INVALID_PASSWORD', 'Invalid password']);
    const html = await failure(api(`${base}/html`));
    expect([html.status, html.message]).toEqual([502, '<h1>Bad gateway</h1>']);
  });

  it('reports an unreachable server as status 0', async () => {
    const error = await failure(api('http://127.0.0.1:1/nothing'));
    expect([error.status, error.message]).toEqual([0, 'network']);
  });

  it('builds query strings without empty values', () => {
    expect(qs({ q: 'Łódź', limit: 10, cursor: undefined, empty: '' })).toBe('?q=%C5%81%C3%B3d%C5%BA&limit=10');
    expect(qs({})).toBe('');
  });
});
