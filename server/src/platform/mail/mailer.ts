import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { deliverMailJob, type OutgoingMail, type SentMail, sendMail } from './send.ts';

export type { MailAttachment, OutgoingMail, SentMail } from './send.ts';

/**
 * Outgoing mail (ctx.mailer). Every message is first written to mail_message; with SMTP_URL a job
 * delivers it (retries with backoff, never twice) and marks it sent/failed; without SMTP_URL the row
 * stays 'kept' — the outbox administrators see in Settings.
 */
export class Mailer {
  readonly #config: AppConfig;
  readonly #db: Db;
  #transport: Transporter | undefined;

  constructor(config: AppConfig, db: Db) {
    this.#config = config;
    this.#db = db;
  }

  get configured(): boolean {
    return Boolean(this.#config.smtpUrl);
  }

  /** Writes the message (and its delivery job); pass a transaction as `trx` to tie it to a change. */
  send(mail: OutgoingMail, trx?: Db): Promise<SentMail> {
    return sendMail({ db: this.#db, config: this.#config }, mail, trx);
  }

  /** The nodemailer transport for SMTP_URL, created on first use. */
  transport(): Transporter {
    if (!this.#config.smtpUrl) throw new Error('SMTP_URL is not set');
    this.#transport ??= nodemailer.createTransport(this.#config.smtpUrl);
    return this.#transport;
  }

  /** The job handler of the mail queue (registered in platform/background.ts). */
  deliveryJob() {
    return deliverMailJob(this.#config, () => this.transport());
  }

  close(): void {
    this.#transport?.close();
  }
}
