// `npm start` serves the built web app: build it once when web/dist is missing or older than its sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'web/dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (existsSync(join(root, 'web/src'))) {
  const stale = !existsSync(dist) || newest(join(root, 'web/src')) > statSync(dist).mtimeMs;
  if (stale) {
    console.log('Building the web app (first start or changed sources)…');
    execSync('npm run build -w web', { cwd: root, stdio: 'inherit' });
  }
}
