import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { validation } from '../../platform/errors.ts';
import { contentDisposition } from '../../platform/files/attachments.ts';
import {
  createImport,
  deleteMapping,
  getAnalysis,
  getImport,
  listImports,
  reanalyse,
  rejectedRows,
  startImport,
} from './import.service.ts';
import { DELIMITERS, ENCODINGS } from './read-file.ts';
import { IMPORTABLE } from './targets.ts';

const importRow = z.object({
  id: z.string(),
  entity: z.string(),
  fileName: z.string(),
  size: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  mapping: z.unknown(),
  onDuplicate: z.string(),
  dryRun: z.boolean(),
  status: z.string().describe('analysed | queued | running | done | failed'),
  totalRows: z.number().nullable(),
  processedRows: z.number(),
  createdCount: z.number(),
  updatedCount: z.number(),
  duplicateCount: z.number(),
  rejectedCount: z.number(),
  error: z.string().nullable(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  correctCedillas: z.boolean().describe('Romanian ş ţ (cedilla) are written as ș ț (comma below)'),
  resumedAt: z.date().nullable().optional().describe('When the run was taken over from a worker that had stopped (a crash, a kill); one import'),
});

const analysis = importRow.extend({
  headers: z.array(z.string()),
  preview: z.array(z.array(z.string())),
  cedillaLetters: z.boolean().describe('The file writes Romanian ş ţ with a cedilla (as Windows-1250 does)'),
  correctCedillasSuggested: z.boolean().describe('Correcting ş ţ to ș ț is suggested: the file is Romanian (Windows-1250, or other Romanian letters)'),
  suggested: z.array(z.string().nullable()),
  savedMapping: z.object({ id: z.string(), name: z.string() }).nullable(),
  savedMappings: z.array(z.object({ id: z.string(), name: z.string() })),
  targets: z.array(
    z.object({
      key: z.string(),
      type: z.string(),
      required: z.boolean(),
      values: z.array(z.string()).optional(),
      label: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

const rejected = z.object({ rowNumber: z.number(), reason: z.string(), messages: z.unknown(), cells: z.unknown() });
const idParams = z.object({ id: z.uuid() });

/** Imports of partners and contacts: upload and analysis, mapping, dry run, run with progress, rejected rows. */
export async function importRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db, blobs, config } = root.ctx;

  api.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a CSV or XLSX file (multipart field "file") to import into partners or contacts; answers its columns, first rows and a suggested mapping',
        querystring: z.object({ entity: z.enum(IMPORTABLE) }),
        response: { 201: analysis },
      },
      config: { problems: [413] },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw validation([{ path: 'file', message: 'Send the file as multipart/form-data' }]);
      const file = await request.file({ limits: { fileSize: config.maxImportBytes, files: 1 } });
      if (!file) throw validation([{ path: 'file', message: 'No file in the request' }]);
      const result = await createImport(db, blobs, actor, {
        entity: request.query.entity,
        fileName: file.filename,
        content: file.file,
        truncated: () => file.file.truncated,
        maxBytes: config.maxImportBytes,
      });
      return reply.code(201).send(result);
    },
  );

  api.get(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Your imports (all of the workspace for administrators), newest first',
        querystring: z.object({ entity: z.enum(IMPORTABLE).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ data: z.array(importRow) }) },
      },
    },
    async (request) => ({ data: await listImports(db, requireActor(request), request.query.entity, request.query.limit) }),
  );

  api.get(
    '/imports/:id',
    { schema: { tags: ['imports'], summary: 'An import: status, progress and counts', params: idParams, response: { 200: importRow } } },
    async (request) => getImport(db, requireActor(request), request.params.id),
  );

  api.get(
    '/imports/:id/analysis',
    { schema: { tags: ['imports'], summary: 'Columns, first rows and suggested mapping of an uploaded file', params: idParams, response: { 200: analysis } } },
    async (request) => getAnalysis(db, blobs, requireActor(request), request.params.id),
  );

  api.post(
    '/imports/:id/analysis',
    {
      schema: {
        tags: ['imports'],
        summary: 'Read a CSV file again with another encoding or delimiter',
        params: idParams,
        body: z.strictObject({ encoding: z.enum(ENCODINGS).optional(), delimiter: z.enum(DELIMITERS).optional() }),
        response: { 200: analysis },
      },
    },
    async (request) => reanalyse(db, blobs, requireActor(request), request.params.id, request.body),
  );

  api.post(
    '/imports/:id/run',
    {
      schema: {
        tags: ['imports'],
        summary: 'Start the import (or a dry run that writes nothing) with a column → field mapping; progress at GET /imports/{id}',
        params: idParams,
        body: z.strictObject({
          mapping: z.array(z.string().min(1).max(100).nullable()).max(500),
          dryRun: z.boolean().default(false),
          onDuplicate: z.enum(['skip', 'update']).default('skip'),
          saveMappingAs: z.string().trim().min(1).max(100).optional(),
          correctCedillas: z.boolean().default(false).describe('Write ş ţ (cedilla) as ș ț (comma below) in every cell'),
        }),
        response: { 202: importRow },
      },
    },
    async (request, reply) => reply.code(202).send(await startImport(db, requireActor(request), request.params.id, request.body)),
  );

  api.get(
    '/imports/:id/rejected',
    {
      schema: {
        tags: ['imports'],
        summary: 'Rows that were not imported (invalid or duplicate), with their cells and reasons',
        params: idParams,
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.object({ data: z.array(rejected), nextAfter: z.number().nullable() }) },
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const data = await rejectedRows(db, requireActor(request), request.params.id, after, limit);
      return { data, nextAfter: data.length === limit ? data[data.length - 1]!.rowNumber : null };
    },
  );

  api.get(
    '/imports/:id/rejected.csv',
    { schema: { tags: ['imports'], summary: 'The rejected rows as CSV: the original columns, then row number, reason and messages', params: idParams } },
    async (request, reply) => {
      const actor = requireActor(request);
      const imp = await getImport(db, actor, request.params.id);
      const { headers } = await getAnalysis(db, blobs, actor, request.params.id);
      const lines: string[][] = [[...headers, 'row', 'reason', 'messages']];
      let after = 0;
      for (;;) {
        const page = await rejectedRows(db, actor, request.params.id, after, 1000);
        for (const r of page) {
          const messages = (r.messages as { column?: string; message: string }[]).map((m) => (m.column ? `${m.column}: ${m.message}` : m.message));
          lines.push([...headers.map((_, i) => (r.cells as string[])[i] ?? ''), String(r.rowNumber), r.reason, messages.join('; ')]);
        }
        if (page.length < 1000) break;
        after = page[page.length - 1]!.rowNumber;
      }
      const name = `${imp.fileName.replace(/\.[^.]+$/, '')}-rejected.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(name))
        .send(`\ufeff${stringify(lines)}`);
    },
  );

  api.delete(
    '/import-mappings/:id',
    { schema: { tags: ['imports'], summary: 'Forget a saved mapping', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteMapping(db, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
