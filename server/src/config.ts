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
  /** PUBLIC_URL, or http://localhost:PORT when unset: the base of links in e-mails and feeds. */
  publicUrl: string;
  /**
   * PUBLIC_URL's origin when it is set: the one address browsers may send requests from. Unset, the
   * app accepts the address each request reached (same origin), so http://127.0.0.1:PORT and the LAN
   * address both work.
   */
  fixedOrigin: string | undefined;
  /** TRUST_PROXY: the proxies whose X-Forwarded-* headers are believed (addresses or CIDRs); false = none. */
  trustProxy: string | false;
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
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    fixedOrigin: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    secret: env.SECRET || readOrCreateSecret(dataDir),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 25 * 1024 * 1024),
    maxImportBytes: Number(env.MAX_IMPORT_BYTES ?? 64 * 1024 * 1024),
    smsGateway: env.SMS_GATEWAY || 'log',
    workspaceSignup: env.WORKSPACE_SIGNUP === 'open',
    version: APP_VERSION,
  };
}

/**
 * TRUST_PROXY lists the reverse proxies in front of the server by address ("127.0.0.1",
 * "10.0.0.0/8,::1", "loopback"). Unset: X-Forwarded-* headers are ignored, so nobody can pick the
 * address the sign-in limits count by forging it. Trusting every sender ("true") is refused.
 */
export function parseTrustProxy(value: string | undefined): string | false {
  const text = value?.trim();
  if (!text || text === 'false') return false;
  if (text === 'true' || text === '*' || /^\d+$/.test(text)) {
    throw new Error(`TRUST_PROXY names the proxies in front of the server (e.g. 127.0.0.1 or 10.0.0.0/8), not "${text}"`);
  }
  return text;
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
