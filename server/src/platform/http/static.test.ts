import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressDir } from '../../../../web/scripts/compress.ts';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';

// A built web app in miniature (what `vite build` leaves in web/dist), so no real build is needed.
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `cuvânt-${i}`))};\n`;
const html = `<!doctype html><html lang="ro"><head><meta charset="utf-8"><title>Kontakt</title>${'<link rel="modulepreload" href="/assets/chunk-Ab12Cd34.js">'.repeat(12)}<script type="module" src="/assets/index-Bjtg7yXM.js"></script></head><body><div id="root"></div></body></html>`;

let t: TestApp;
let web: FastifyInstance;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kontakt-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), html);
  writeFileSync(join(dist, 'assets', 'index-Bjtg7yXM.js'), script);
  writeFileSync(join(dist, 'assets', 'tiny-Zx9_Qw-1.js'), 'export default 1;\n');
  compressDir(dist);
  t = await createTestApp();
  web = await buildApp(t.ctx, { serveWeb: true, webDist: dist });
});
afterAll(async () => {
  await web.close();
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  web.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the built web app', () => {
  it('sends a hashed asset as brotli, gzip or plain by Accept-Encoding, cached for a year', async () => {
    const br = await get('/assets/index-Bjtg7yXM.js', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get('/assets/index-Bjtg7yXM.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/index-Bjtg7yXM.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(script);
  });

  it('sends a file too small to compress as it is, still cached for a year', async () => {
    const res = await get('/assets/tiny-Zx9_Qw-1.js', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export default 1;\n');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html, at / and on client-side routes, compressed too', async () => {
    for (const url of ['/', '/index.html', '/partners/0190a5b2-0000-7000-8000-000000000001']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(html);
    }
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(html);
  });

  it('still answers unknown API paths with problem+json', async () => {
    const res = await get('/api/v1/nothing-here', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
