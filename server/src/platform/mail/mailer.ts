import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../ids.ts';

export interface OutgoingMail {
  workspaceId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Outgoing mail. Every message is first written to mail_message; with SMTP_URL it is sent and marked
 * sent/failed, without it the row stays 'kept' — the outbox administrators see in Settings.
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

  async send(mail: OutgoingMail): Promise<{ id: string; status: 'sent' | 'failed' | 'kept' }> {
    const id = newId();
    await this.#db
      .insertInto('mailMessage')
      .values({
        id,
        workspaceId: mail.workspaceId,
        toAddress: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html ?? null,
        status: this.configured ? 'queued' : 'kept',
      })
      .execute();
    if (!this.configured) return { id, status: 'kept' };
    try {
      this.#transport ??= nodemailer.createTransport(this.#config.smtpUrl);
      const info = await this.#transport.sendMail({
        from: this.#config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await this.#db
        .updateTable('mailMessage')
        .set({ status: 'sent', sentAt: new Date(), messageId: info.messageId, attempts: 1 })
        .where('id', '=', id)
        .execute();
      return { id, status: 'sent' };
    } catch (error) {
      await this.#db
        .updateTable('mailMessage')
        .set({ status: 'failed', attempts: 1, lastError: error instanceof Error ? error.message : String(error) })
        .where('id', '=', id)
        .execute();
      return { id, status: 'failed' };
    }
  }

  close(): void {
    this.#transport?.close();
  }
}
