// Initial JavaScript of the shell (the entry chunk and everything it imports statically), gzipped,
// from the Vite manifest; written to bench/results/web-bundle.json. Areas load lazily and are not counted.
// The brotli size is that of the .br file the build made beside each asset (what the server sends to browsers).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
visit(Object.keys(manifest).find((key) => manifest[key] === entry));
const files = [...seen].map((key) => manifest[key].file).filter((f) => f.endsWith('.js'));
const sizes = files.map((file) => {
  const content = readFileSync(join(dist, file));
  const br = join(dist, `${file}.br`);
  const brotliBytes = existsSync(br) ? statSync(br).size : brotliCompressSync(content).length;
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, brotliBytes };
});
const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
const brotli = sizes.reduce((sum, s) => sum + s.brotliBytes, 0);
const css = (entry.css ?? []).reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);
const result = { measuredAt: new Date().toISOString(), initialJsGzipBytes: total, initialJsBrotliBytes: brotli, initialCssGzipBytes: css, budgetJsGzipBytes: 250 * 1024, withinBudget: total <= 250 * 1024, files: sizes };
const out = join(import.meta.dirname, '..', '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'web-bundle.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`initial JS ${(total / 1024).toFixed(1)} KB gzipped (budget 250 KB), ${(brotli / 1024).toFixed(1)} KB brotli; CSS ${(css / 1024).toFixed(1)} KB`);
