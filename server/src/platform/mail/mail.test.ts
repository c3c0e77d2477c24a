import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { MAIL_QUEUE, sendMail } from './send.ts';

interface Received {
  to: string;
  data: string;
}
const received: Received[] = [];
let smtp: SMTPServer;
let t: TestApp;
let kept: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      // a mailbox that is temporarily unavailable
      if (address.address.startsWith('busy@')) return callback(Object.assign(new Error('Mailbox busy'), { responseCode: 450 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
  kept = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await kept.close();
  t.ctx.mailer.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const inbox = (to: string) => received.filter((m) => m.to === to);

describe(`outgoing mail (${testDatabaseKind})`, () => {
  it('delivers through SMTP by a job, with attachments, and marks the message sent', async () => {
    const admin = await setupWorkspace(t);
    const pdf = Buffer.from('%PDF-1.4 oferta 42');
    const sent = await sendMail(t.ctx, {
      workspaceId: admin.workspaceId,
      to: 'client-1@example.com',
      subject: 'Ofertă nr. 42',
      text: 'Bună ziua, găsiți oferta atașată.',
      html: '<p>Bună ziua</p>',
      attachments: [{ filename: 'oferta-42.pdf', contentType: 'application/pdf', content: pdf }],
    });
    expect(sent).toMatchObject({ status: 'queued', duplicate: false });
    expect(inbox('client-1@example.com')).toHaveLength(0);
    await t.ctx.worker.drain();
    const [mail] = inbox('client-1@example.com');
    expect(mail).toBeDefined();
    expect(mail!.data).toContain('oferta-42.pdf');
    expect(mail!.data).toContain(pdf.toString('base64'));
    expect(mail!.data).toContain(`Message-ID: <${sent.id}@localhost>`);
    const row = await t.ctx.db.selectFrom('mailMessage').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/admin/mail-outbox/${sent.id}`, headers: admin.headers });
    expect(detail.json()).toMatchObject({
      status: 'sent',
      htmlBody: '<p>Bună ziua</p>',
      attachments: [{ filename: 'oferta-42.pdf', contentType: 'application/pdf', size: pdf.length }],
    });
    expect(detail.body).not.toContain(pdf.toString('base64'));
  });

  it('sends a message with a dedupe key once, however often it is asked for and its job runs', async () => {
    const admin = await setupWorkspace(t);
    const mail = { workspaceId: admin.workspaceId, to: 'client-2@example.com', subject: 'Factura 7', text: 'x', dedupeKey: 'invoice:7:mail' };
    const first = await sendMail(t.ctx, mail);
    const second = await sendMail(t.ctx, mail);
    expect(second).toMatchObject({ id: first.id, duplicate: true });
    await t.ctx.worker.drain();
    // a second job for the same message (a lost lease, a manual retry) finds it sent
    await enqueue(t.ctx.db, { queue: MAIL_QUEUE, payload: { mailId: first.id }, dedupeKey: `again:${first.id}` });
    await t.ctx.worker.drain();
    expect(inbox('client-2@example.com')).toHaveLength(1);
    expect(await sendMail(t.ctx, mail)).toMatchObject({ id: first.id, status: 'sent', duplicate: true });
    const rows = await t.ctx.db.selectFrom('mailMessage').select('id').where('toAddress', '=', 'client-2@example.com').execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps a temporarily refused message queued with the error, for a retry', async () => {
    const admin = await setupWorkspace(t);
    const sent = await sendMail(t.ctx, { workspaceId: admin.workspaceId, to: 'busy@example.com', subject: 'Hello', text: 'x' });
    await t.ctx.worker.drain();
    const row = await t.ctx.db.selectFrom('mailMessage').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/busy/i);
    const job = await t.ctx.db.selectFrom('job').select(['status', 'runAt']).where('dedupeKey', '=', `mail:${sent.id}`).executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('writes nothing when the surrounding transaction rolls back, or the message is malformed', async () => {
    const admin = await setupWorkspace(t);
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await sendMail(t.ctx, { workspaceId: admin.workspaceId, to: 'rollback@example.com', subject: 'S', text: 'x' }, trx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const bad = sendMail(t.ctx, { workspaceId: admin.workspaceId, to: 'not an address', subject: 'Two\r\nBcc: x@evil.example', text: 'x' });
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({ errors: [{ path: 'to' }, { path: 'subject' }] });
    const huge = sendMail(t.ctx, {
      workspaceId: admin.workspaceId,
      to: 'big@example.com',
      subject: 'Big',
      text: 'x',
      attachments: [{ filename: 'big.bin', content: Buffer.alloc(10 * 1024 * 1024 + 1) }],
    });
    await expect(huge).rejects.toMatchObject({ errors: [{ path: 'attachments' }] });
    const rows = await t.ctx.db.selectFrom('mailMessage').select('id').where('workspaceId', '=', admin.workspaceId).execute();
    expect(rows).toEqual([]);
    const jobs = await t.ctx.db.selectFrom('job').select('id').where('queue', '=', MAIL_QUEUE).where('workspaceId', '=', admin.workspaceId).execute();
    expect(jobs).toEqual([]);
  });

  it('keeps mail in the outbox without SMTP_URL, and enqueues no delivery', async () => {
    const admin = await setupWorkspace(kept);
    const sent = await kept.ctx.mailer.send({ workspaceId: admin.workspaceId, to: 'client-3@example.com', subject: 'Kept', text: 'x' });
    expect(sent.status).toBe('kept');
    await kept.ctx.worker.drain();
    const row = await kept.ctx.db.selectFrom('mailMessage').select('status').where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('kept');
    expect(await kept.ctx.db.selectFrom('job').select('id').where('queue', '=', MAIL_QUEUE).execute()).toEqual([]);
    expect(inbox('client-3@example.com')).toEqual([]);
  });
});

describe(`mail outbox API (${testDatabaseKind})`, () => {
  it('pages newest first by (created_at, id) and shows one message with its body; other workspaces get 404', async () => {
    const admin = await setupWorkspace(kept);
    const other = await setupWorkspace(kept);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push((await kept.ctx.mailer.send({ workspaceId: admin.workspaceId, to: `p${n}@example.com`, subject: `Mail ${n}`, text: `Body ${n}` })).id);
    }
    const page1 = await kept.app.inject({ method: 'GET', url: '/api/v1/admin/mail-outbox?limit=2', headers: admin.headers });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().data.map((m: { subject: string }) => m.subject)).toEqual(['Mail 3', 'Mail 2']);
    const cursor = page1.json().nextCursor as string;
    expect(cursor).toBeTruthy();
    const page2 = await kept.app.inject({
      method: 'GET',
      url: `/api/v1/admin/mail-outbox?limit=2&cursor=${encodeURIComponent(cursor)}`,
      headers: admin.headers,
    });
    expect(page2.json()).toMatchObject({ data: [{ subject: 'Mail 1', status: 'kept' }], nextCursor: null });

    const one = await kept.app.inject({ method: 'GET', url: `/api/v1/admin/mail-outbox/${ids[0]}`, headers: admin.headers });
    expect(one.json()).toMatchObject({ subject: 'Mail 1', textBody: 'Body 1', toAddress: 'p1@example.com' });
    const foreign = await kept.app.inject({ method: 'GET', url: `/api/v1/admin/mail-outbox/${ids[0]}`, headers: other.headers });
    expect(foreign.statusCode).toBe(404);
    const malformed = await kept.app.inject({ method: 'GET', url: '/api/v1/admin/mail-outbox/not-a-uuid', headers: admin.headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
  });
});
