import type { AppConfig } from '../config.ts';
import type { Database, Db } from '../db/database.ts';
import type { BlobStore } from './files/blob-store.ts';
import type { Worker } from './jobs/worker.ts';
import type { Mailer } from './mail/mailer.ts';
import type { NotificationHub } from './notifications/hub.ts';

/**
 * What every service needs, built once at start-up and handed to routes, jobs and the CLI.
 * Platform mechanisms add their handle here (mail, jobs, files, search …).
 */
export interface AppContext {
  config: AppConfig;
  database: Database;
  db: Db;
  mailer: Mailer;
  /** File contents, content-addressed (DATA_DIR/files by default). */
  blobs: BlobStore;
  /** Live delivery of notifications to this process's signed-in users (SSE). */
  notifications: NotificationHub;
  /** Background work of this process: jobs, schedules, outbox consumers (started by `start`/`worker`). */
  worker: Worker;
}
