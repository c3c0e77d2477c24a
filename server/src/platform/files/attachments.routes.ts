import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { validation } from '../errors.ts';
import { addAttachment, contentDisposition, deleteAttachment, getAttachment, listAttachments } from './attachments.ts';

const attachment = z.object({
  id: z.string(),
  entity: z.string().nullable(),
  recordId: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.string(),
  sha256: z.string(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
});
const onRecord = z.object({ entity: z.string().min(1).max(50), recordId: z.uuid() });

/** Files attached to records: upload (multipart), list, download, delete. */
export async function attachmentRoutes(root: FastifyInstance): Promise<void> {
  const { db, blobs, config } = root.ctx;
  await root.register(multipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: false,
  });
  const api = root.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/attachments',
    {
      schema: {
        tags: ['files'],
        summary: 'Attach a file (multipart field "file") to a record; size-limited and type-checked',
        querystring: onRecord,
        response: { 201: attachment },
      },
      config: { problems: [413, 415] },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw validation([{ path: 'file', message: 'Send the file as multipart/form-data' }]);
      const file = await request.file();
      if (!file) throw validation([{ path: 'file', message: 'No file in the request' }]);
      const row = await addAttachment(db, blobs, actor, {
        entity: request.query.entity,
        recordId: request.query.recordId,
        fileName: file.filename,
        content: file.file,
        truncated: () => file.file.truncated,
      });
      return reply.code(201).send(row);
    },
  );

  api.get(
    '/attachments',
    {
      schema: {
        tags: ['files'],
        summary: 'Files attached to a record',
        querystring: onRecord,
        response: { 200: z.object({ data: z.array(attachment) }) },
      },
    },
    async (request) => ({ data: await listAttachments(db, requireActor(request), request.query.entity, request.query.recordId) }),
  );

  api.get(
    '/attachments/:id/content',
    { schema: { tags: ['files'], summary: 'Download an attachment', params: z.object({ id: z.uuid() }) } },
    async (request, reply) => {
      const row = await getAttachment(db, requireActor(request), request.params.id);
      return reply
        .header('content-type', row.mimeType)
        .header('content-length', row.size)
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=0')
        .send(blobs.get(row.sha256));
    },
  );

  api.delete(
    '/attachments/:id',
    {
      schema: { tags: ['files'], summary: 'Remove an attachment (to the trash)', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteAttachment(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
