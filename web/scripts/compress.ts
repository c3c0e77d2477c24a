// After `vite build`: a brotli (.br) and a gzip (.gz) copy beside each text asset of dist, made once at
// build time at the highest levels, so the server sends them as they are (Content-Encoding by Accept-Encoding).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|xml|webmanifest|map|ico|ttf|otf)$/;
// below this, the headers of a compressed answer cost about what compression saves
const MIN_BYTES = 512;

export interface Compressed {
  file: string;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Writes file.br and file.gz beside every compressible file of dir that they make smaller; answers the files compressed. */
export function compressDir(dir: string): Compressed[] {
  const done: Compressed[] = [];
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
    const content = readFileSync(file);
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gz = gzipSync(content, { level: 9 });
    if (br.length < content.length) writeFileSync(`${file}.br`, br);
    if (gz.length < content.length) writeFileSync(`${file}.gz`, gz);
    done.push({ file, bytes: content.length, brotliBytes: br.length, gzipBytes: gz.length });
  }
  return done;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = process.argv[2] ?? join(import.meta.dirname, '..', 'dist');
  const done = compressDir(dist);
  const sum = (key: 'bytes' | 'brotliBytes' | 'gzipBytes') => done.reduce((total, f) => total + f[key], 0);
  console.log(
    `compressed ${done.length} files: ${(sum('bytes') / 1024).toFixed(0)} KB → ${(sum('brotliBytes') / 1024).toFixed(0)} KB brotli, ${(sum('gzipBytes') / 1024).toFixed(0)} KB gzip`,
  );
}
