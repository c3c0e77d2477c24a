import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { recordChange } from '../audit/record-change.ts';
import { AppError, notFound, validation } from '../errors.ts';
import { newId } from '../ids.ts';
import { getEntity } from '../records/descriptor.ts';
import { findRecord } from '../records/query.ts';
import { type BlobStore, HEAD_BYTES } from './blob-store.ts';
import { sniffUpload } from './sniff.ts';

const ATTACHMENT_FIELDS = ['id', 'entity', 'recordId', 'fileName', 'mimeType', 'size', 'sha256', 'createdAt', 'createdBy'] as const;

/** The record an attachment hangs on must exist and be visible to the actor for `action`. */
async function requireRecord(db: Kysely<DB>, actor: Actor, entityName: string, recordId: string, action: 'read' | 'update') {
  const entity = getEntity(entityName);
  if (!entity) throw validation([{ path: 'entity', message: `Unknown entity ${entityName}` }]);
  await findRecord(db, actor, entity, recordId, { action });
}

/** The first `bytes` bytes of a stream (fewer if it is shorter), and the whole stream again to read on. */
export async function peekHead(stream: Readable, bytes: number): Promise<{ head: Buffer; content: Readable }> {
  const iterator: AsyncIterator<Buffer> = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(chunks);
  async function* whole() {
    if (first.length) yield first;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head: first.subarray(0, bytes), content: Readable.from(whole(), { objectMode: false }) };
}

export function cleanFileName(name: string): string {
  // keep letters of every script; drop path parts and control characters
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return cleaned || 'file';
}

/** Stores an uploaded file once (by content) and attaches it to a record the actor may update. */
export async function addAttachment(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  input: { entity: string; recordId: string; fileName: string; content: Readable; truncated: () => boolean },
) {
  await requireRecord(db, actor, input.entity, input.recordId, 'update');
  const fileName = cleanFileName(input.fileName);
  // the type is told from the first bytes before anything is stored: a refused file (a program
  // named .pdf, HTML named .pdf …) never reaches the disk
  const { head, content } = await peekHead(input.content, HEAD_BYTES);
  let mimeType: string;
  try {
    ({ mimeType } = await sniffUpload(fileName, head));
  } catch (error) {
    // read the rest of the upload away (it is size-limited) so the request can be answered
    for await (const _ of content);
    throw error;
  }
  const stored = await blobs.put(content);
  if (input.truncated()) {
    // a cut-off upload leaves no file behind unless the same content was stored before
    const known = await db.selectFrom('fileBlob').select('sha256').where('sha256', '=', stored.sha256).executeTakeFirst();
    if (!known) await blobs.delete(stored.sha256);
    throw new AppError('TOO_LARGE', 'The file is larger than the upload limit');
  }
  const id = newId();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fileBlob')
      .values({ sha256: stored.sha256, size: String(stored.size), mimeType })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const row = await trx
      .insertInto('attachment')
      .values({
        id,
        workspaceId: actor.workspaceId,
        entity: input.entity,
        recordId: input.recordId,
        sha256: stored.sha256,
        fileName,
        mimeType,
        size: String(stored.size),
        createdBy: actor.userId,
      })
      .returning(ATTACHMENT_FIELDS)
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'attachment',
      recordId: id,
      action: 'created',
      actorId: actor.userId,
      changes: { fileName: [null, fileName] },
      payload: { onEntity: input.entity, onRecordId: input.recordId, fileName, size: stored.size },
    });
    return row;
  });
}

export async function listAttachments(db: Kysely<DB>, actor: Actor, entity: string, recordId: string) {
  await requireRecord(db, actor, entity, recordId, 'read');
  return db
    .selectFrom('attachment')
    .select(ATTACHMENT_FIELDS)
    .where('workspaceId', '=', actor.workspaceId)
    .where('entity', '=', entity)
    .where('recordId', '=', recordId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** One attachment the actor may see (through its record), else 404. */
export async function getAttachment(db: Kysely<DB>, actor: Actor, id: string, action: 'read' | 'update' = 'read') {
  const row = await db
    .selectFrom('attachment')
    .select(ATTACHMENT_FIELDS)
    .where('id', '=', id)
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row?.entity || !row.recordId) throw notFound('Attachment');
  await requireRecord(db, actor, row.entity, row.recordId, action).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'FORBIDDEN' ? notFound('Attachment') : error;
  });
  return row;
}

export async function deleteAttachment(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await getAttachment(db, actor, id, 'update');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('attachment').set({ deletedAt: new Date() }).where('id', '=', id).execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'attachment',
      recordId: id,
      action: 'deleted',
      actorId: actor.userId,
      payload: { onEntity: row.entity, onRecordId: row.recordId, fileName: row.fileName },
    });
  });
}

/** Content-Disposition for any file name: an ASCII fallback and the exact UTF-8 name (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_').trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
