import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Runtime configuration from the environment, with working defaults for a first start. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  secret: string;
  /** Largest accepted upload, bytes. */
  maxUploadBytes: number;
  /** Largest import file (CSV/XLSX), bytes: MAX_IMPORT_BYTES, 64 MB by default. */
  maxImportBytes: number;
  /** SMS_GATEWAY: which SmsGateway sends text messages; 'log' (default) records them without sending. */
  smsGateway: string;
  /** WORKSPACE_SIGNUP=open: anyone may create a new workspace (POST /api/v1/workspaces/sign-up). */
  workspaceSignup: boolean;
  version: string;
}

export const APP_VERSION = '0.1.0';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Kontakt CRM <no-reply@localhost>',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    secret: env.SECRET || readOrCreateSecret(dataDir),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 25 * 1024 * 1024),
    maxImportBytes: Number(env.MAX_IMPORT_BYTES ?? 64 * 1024 * 1024),
    smsGateway: env.SMS_GATEWAY || 'log',
    workspaceSignup: env.WORKSPACE_SIGNUP === 'open',
    version: APP_VERSION,
  };
}

// The secret signs sessions; generated once and kept beside the data so restarts keep users signed in.
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
