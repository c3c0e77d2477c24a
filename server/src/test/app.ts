import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { registerModuleWork } from '../modules/work.ts';
import { registerBackgroundWork } from '../platform/background.ts';
import type { AppContext } from '../platform/context.ts';
import { DiskBlobStore } from '../platform/files/blob-store.ts';
import { Worker } from '../platform/jobs/worker.ts';
import { Mailer } from '../platform/mail/mailer.ts';
import { NotificationHub } from '../platform/notifications/hub.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

/** The whole HTTP application over a fresh test database, for app.inject() tests. */
export async function createTestApp(
  options: { smtpUrl?: string; maxUploadBytes?: number; env?: Record<string, string | undefined> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}/kontakt-test-${process.pid}`,
    SECRET: 'test-secret-that-is-long-enough-for-signing',
    PUBLIC_URL: 'http://localhost:3000',
    SMTP_URL: options.smtpUrl ?? '',
    MAX_UPLOAD_BYTES: String(options.maxUploadBytes ?? 25 * 1024 * 1024),
    // per-test overrides (PUBLIC_URL, WORKSPACE_SIGNUP …; undefined removes a variable)
    ...options.env,
  });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    mailer: new Mailer(config, database.db),
    blobs: new DiskBlobStore(`${config.dataDir}/files`),
    // tests drive it with ctx.worker.drain(); it is never started in the background
    worker: new Worker(database.db),
    notifications: new NotificationHub(database),
  };
  registerBackgroundWork(ctx);
  await registerModuleWork(ctx);
  const app = await buildApp(ctx);
  return {
    app,
    ctx,
    database,
    close: async () => {
      await ctx.worker.stop();
      await ctx.notifications.stop();
      await app.close();
      await database.close();
    },
  };
}
