import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Sends a text message. Kontakt CRM talks to SMS providers through this interface: a provider's
 * adapter implements it and is chosen by SMS_GATEWAY; the default only records the message.
 */
export interface SmsGateway {
  readonly name: string;
  send(message: { to: string; text: string }): Promise<{ id: string }>;
}

/** Records each message (sms_message, written by the delivery job) and logs it; nothing leaves the machine. */
export class LoggingSmsGateway implements SmsGateway {
  readonly name = 'log';
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void = (line) => console.info(line)) {
    this.#log = log;
  }

  async send(message: { to: string; text: string }): Promise<{ id: string }> {
    const id = `log-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // the number is shortened in the log: it is personal data
    this.#log(`sms ${id} to ${message.to.slice(0, 4)}… (${message.text.length} characters)`);
    return { id };
  }
}

const GATEWAYS: Record<string, () => SmsGateway> = { log: () => new LoggingSmsGateway() };

/** Adds an SMS provider's adapter under a name SMS_GATEWAY can choose. */
export function registerSmsGateway(name: string, create: () => SmsGateway): void {
  GATEWAYS[name] = create;
}

export function createSmsGateway(name: string): SmsGateway {
  const create = GATEWAYS[name];
  if (!create) throw new Error(`SMS_GATEWAY=${name} is not a known gateway (known: ${Object.keys(GATEWAYS).join(', ')})`);
  return create();
}

/** Phone numbers as a gateway takes them: digits with an optional leading +. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const cleaned = phone.replace(/[\s().-]/g, '');
  return /^\+?\d{6,15}$/.test(cleaned) ? cleaned : null;
}

export async function recentSms(db: Kysely<DB>, workspaceId: string, limit: number) {
  return db
    .selectFrom('smsMessage')
    .select(['id', 'toPhone', 'body', 'status', 'gateway', 'error', 'createdAt', 'sentAt'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
