import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { validation } from '../errors.ts';
import { newId } from '../ids.ts';
import { enqueue, type JobHandler } from '../jobs/queue.ts';

export const MAIL_QUEUE = 'mail.send';
/** Largest total size of one message's attachments. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface MailAttachment {
  filename: string;
  contentType?: string;
  content: Uint8Array | string;
}

export interface OutgoingMail {
  workspaceId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** A message with this key is written (and sent) once; sending it again returns the first one. */
  dedupeKey?: string;
}

export type MailStatus = 'queued' | 'sent' | 'failed' | 'kept';

export interface SentMail {
  id: string;
  status: MailStatus;
  /** True when a message with the same dedupe key already existed and nothing new was written. */
  duplicate: boolean;
}

interface StoredAttachment {
  filename: string;
  contentType: string | null;
  /** base64 */
  content: string;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const HEADER_BREAK = /[\r\n]/;

function check(mail: OutgoingMail): StoredAttachment[] {
  const errors = [];
  if (!EMAIL.test(mail.to)) errors.push({ path: 'to', message: 'Not an e-mail address' });
  if (!mail.subject.trim() || HEADER_BREAK.test(mail.subject)) errors.push({ path: 'subject', message: 'One non-empty line' });
  const attachments = (mail.attachments ?? []).map((a) => {
    const bytes = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : Buffer.from(a.content);
    return { filename: a.filename, contentType: a.contentType ?? null, bytes };
  });
  const total = attachments.reduce((n, a) => n + a.bytes.length, 0);
  if (total > MAX_ATTACHMENT_BYTES) errors.push({ path: 'attachments', message: 'Attachments are too large' });
  attachments.forEach((a, i) => {
    if (!a.filename.trim() || HEADER_BREAK.test(a.filename)) errors.push({ path: `attachments.${i}.filename`, message: 'Needs a file name' });
  });
  if (errors.length) throw validation(errors, 'The e-mail cannot be sent');
  return attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.bytes.toString('base64') }));
}

/**
 * Writes the message to mail_message and, when SMTP_URL is set, enqueues its delivery job in the
 * same transaction (pass the business transaction as `db` so mail leaves only if the change commits).
 * Without SMTP_URL the message is kept ('kept'): the outbox administrators see.
 */
export async function sendMail(
  ctx: { db: Kysely<DB>; config: Pick<AppConfig, 'smtpUrl'> },
  mail: OutgoingMail,
  db: Kysely<DB> = ctx.db,
): Promise<SentMail> {
  const attachments = check(mail);
  const smtp = Boolean(ctx.config.smtpUrl);
  const write = async (trx: Kysely<DB>): Promise<SentMail> => {
    const id = newId();
    const inserted = await trx
      .insertInto('mailMessage')
      .values({
        id,
        workspaceId: mail.workspaceId,
        toAddress: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html ?? null,
        attachments: attachments.length ? JSON.stringify(attachments) : null,
        dedupeKey: mail.dedupeKey ?? null,
        status: smtp ? 'queued' : 'kept',
      })
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const first = await trx
        .selectFrom('mailMessage')
        .select(['id', 'status'])
        .where('dedupeKey', '=', mail.dedupeKey!)
        .executeTakeFirstOrThrow();
      return { id: first.id, status: first.status as MailStatus, duplicate: true };
    }
    if (smtp) {
      await enqueue(trx, { queue: MAIL_QUEUE, workspaceId: mail.workspaceId, payload: { mailId: id }, dedupeKey: `mail:${id}`, maxAttempts: 6 });
    }
    return { id, status: smtp ? 'queued' : 'kept', duplicate: false };
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/**
 * The job that delivers one queued message. A message already sent is never sent again (a job that
 * runs twice after a lost lease finds it 'sent'); the Message-ID is derived from the row id, so even
 * a retry after a crash between sending and marking lets receivers see the same message.
 */
export function deliverMailJob(config: Pick<AppConfig, 'mailFrom' | 'publicUrl'>, transport: () => Transporter): JobHandler {
  const host = new URL(config.publicUrl).hostname || 'localhost';
  return async (job, { db }) => {
    const mailId = (job.payload as { mailId?: unknown } | null)?.mailId;
    if (typeof mailId !== 'string') return { skipped: 'no mailId' };
    const row = await db.selectFrom('mailMessage').selectAll().where('id', '=', mailId).executeTakeFirst();
    if (row?.status !== 'queued') return { skipped: row?.status ?? 'missing' };
    const stored = (row.attachments ?? []) as unknown as StoredAttachment[];
    try {
      const info = await transport().sendMail({
        from: config.mailFrom,
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody ?? '',
        html: row.htmlBody ?? undefined,
        messageId: `<${row.id}@${host}>`,
        attachments: stored.map((a) => ({
          filename: a.filename,
          contentType: a.contentType ?? undefined,
          content: Buffer.from(a.content, 'base64'),
        })),
      });
      await db
        .updateTable('mailMessage')
        .set({ status: 'sent', sentAt: new Date(), messageId: info.messageId, attempts: job.attempts, lastError: null })
        .where('id', '=', row.id)
        .execute();
      return { sent: row.id };
    } catch (error) {
      const final = job.attempts >= job.maxAttempts;
      await db
        .updateTable('mailMessage')
        .set({
          status: final ? 'failed' : 'queued',
          attempts: job.attempts,
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        })
        .where('id', '=', row.id)
        .execute();
      throw error;
    }
  };
}
