// Lints the OpenAPI document with Redocly (redocly.yaml). The document is generated from the app in
// this process (an in-memory database, no listening server): `npm run lint:openapi [-- --out file.json]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { DiskBlobStore } from '../server/src/platform/files/blob-store.ts';
import { Worker } from '../server/src/platform/jobs/worker.ts';
import { Mailer } from '../server/src/platform/mail/mailer.ts';
import { NotificationHub } from '../server/src/platform/notifications/hub.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const scratch = mkdtempSync(join(tmpdir(), 'kontakt-openapi-'));

async function generate(): Promise<unknown> {
  const database = await openDatabase({});
  const config = loadConfig({ ...process.env, DATA_DIR: scratch, SECRET: 'openapi-document-only-not-a-server', DATABASE_URL: '' });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    mailer: new Mailer(config, database.db),
    blobs: new DiskBlobStore(join(scratch, 'files')),
    worker: new Worker(database.db),
    notifications: new NotificationHub(database),
  };
  const app = await buildApp(ctx);
  try {
    return app.swagger();
  } finally {
    await app.close();
    await ctx.notifications.stop();
    await database.close();
  }
}

try {
  const file = values.out ?? join(scratch, 'openapi.json');
  writeFileSync(file, `${JSON.stringify(await generate(), null, 2)}\n`);
  const redocly = join(root, 'node_modules/.bin/redocly');
  const lint = spawnSync(redocly, ['lint', file, '--config', join(root, 'redocly.yaml')], { stdio: 'inherit' });
  process.exitCode = lint.status ?? 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
