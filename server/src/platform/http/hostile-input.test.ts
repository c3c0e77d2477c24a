// Hostile input is a client's mistake, answered 400 problem+json, never a 500 from the database or
// the call stack: NUL characters anywhere in a request, filters nested thousands of levels deep,
// and headers too large for the HTTP parser (431, problem+json too).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { type SignedIn, setupWorkspace } from '../../test/auth.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t);
});
afterAll(() => t.close());

const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, status = 400) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(JSON.parse(res.body)).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
};

const partnerCount = async () => Number((await t.ctx.db.selectFrom('partner').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** `depth` levels of {"not": …} around one condition. */
const nested = (depth: number) => `${'{"not":'.repeat(depth)}{"field":"name","op":"eq","value":"x"}${'}'.repeat(depth)}`;

describe('hostile input', () => {
  it('refuses a NUL character in a quick search, the global search, a filter value and a name with 400, writing nothing', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: admin.headers });
    expectProblem(await get('/api/v1/partners?q=%00'));
    expectProblem(await get('/api/v1/partners?q=a%00b'));
    expectProblem(await get('/api/v1/search?q=%00'));
    expectProblem(await get(`/api/v1/partners?filter=${encodeURIComponent('{"field":"name","op":"eq","value":"a\\u0000"}')}`));
    expectProblem(await get(`/api/v1/partners/${encodeURIComponent('0\u0000')}`));
    const before = await partnerCount();
    const post = (url: string, payload: string) =>
      t.app.inject({ method: 'POST', url, headers: { ...admin.headers, 'content-type': 'application/json' }, payload });
    const created = await post('/api/v1/partners', '{"name":"a\\u0000b"}');
    expectProblem(created);
    expect(created.json().errors).toEqual([{ path: 'name', message: expect.stringContaining('NUL') }]);
    expectProblem(await post('/api/v1/partners', '{"name":"Ok SRL","custom":{"note":["a\\u0000"]}}'));
    expectProblem(await post('/api/v1/partners/query', '{"filter":{"field":"name","op":"contains","value":"\\u0000"}}'));
    expect(await partnerCount()).toBe(before);
    // the same text without the NUL goes through
    expect((await post('/api/v1/partners', '{"name":"a b SRL"}')).statusCode).toBe(201);
  });

  it('refuses a filter nested 10,000 levels deep with 400, in the body and in the query string', async () => {
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partners/query',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: `{"filter":${nested(10_000)}}`,
    });
    expectProblem(body);
    const query = await t.app.inject({ method: 'GET', url: `/api/v1/partners?filter=${encodeURIComponent(nested(10_000))}`, headers: admin.headers });
    expectProblem(query);
    expect(query.json().detail).toContain('nested deeper than 8 levels');
    expect(JSON.stringify(body.json().errors)).toContain('nested deeper than');
    // a relative date deep inside is still found for a filter within the limits
    const ok = await t.app.inject({ method: 'GET', url: `/api/v1/partners?filter=${encodeURIComponent(nested(6))}`, headers: admin.headers });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('answers headers too large for the HTTP parser with 431 problem+json', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', (error) => (data ? resolve(data) : reject(error)));
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body!)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
  });
});
