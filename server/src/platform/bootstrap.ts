import type { AppConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { registerBackgroundWork } from './background.ts';
import type { AppContext } from './context.ts';
import { DiskBlobStore } from './files/blob-store.ts';
import { Worker } from './jobs/worker.ts';
import { Mailer } from './mail/mailer.ts';
import { NotificationHub } from './notifications/hub.ts';

/** Opens the configured database, migrates it and builds the shared context. */
export async function createContext(config: AppConfig): Promise<AppContext> {
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` },
  );
  await migrate(database);
  const worker = new Worker(database.db, {
    log: (message, error) => console.error(message, error instanceof Error ? error.message : (error ?? '')),
  });
  const blobs = new DiskBlobStore(`${config.dataDir}/files`);
  const ctx = { config, database, db: database.db, mailer: new Mailer(config, database.db), blobs, worker, notifications: new NotificationHub(database) };
  registerBackgroundWork(ctx);
  return ctx;
}
