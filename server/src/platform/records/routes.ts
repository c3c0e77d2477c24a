import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../access/guard.ts';
import { validation } from '../errors.ts';
import { LANGUAGES } from './custom-fields.ts';
import type { EntityDescriptor } from './descriptor.ts';
import { exportRecords } from './export.ts';
import { recordHistory } from './history.ts';
import { DEFAULT_LIMIT, type ListParams, listRecords, MAX_LIMIT, findRecord, publicRow } from './query.ts';
import { entitySchemas } from './schemas.ts';
import { bulkRecords, createRecord, deleteRecord, MAX_BULK, restoreRecord, updateRecord, versionFromIfMatch } from './write.ts';

const idParams = z.object({ id: z.uuid() });
const listQuery = z.object({
  filter: z.string().max(100_000).optional().describe('Filter tree as JSON: {"and":[{"field":"name","op":"contains","value":"x"}]}'),
  sort: z.string().max(500).optional().describe('Comma-separated fields, "-" for descending: -updatedAt,name'),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().max(20_000).optional(),
  q: z.string().max(200).optional().describe('Quick search over the searchable fields'),
  fields: z.string().max(2000).optional().describe('Comma-separated field names to return'),
  trash: z.enum(['true', 'false']).optional().describe('true lists the trash (deleted records)'),
});
const queryBody = z.strictObject({
  filter: z.unknown().optional(),
  sort: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().max(20_000).optional(),
  q: z.string().max(200).optional(),
  fields: z.array(z.string().max(100)).max(200).optional(),
  trash: z.boolean().optional(),
});
const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  separator: z
    .enum(['semicolon', 'comma'])
    .optional()
    .describe("CSV: the cell separator; by default the one of the language's spreadsheets (semicolon for ro, pl, hu, uk; comma for en)"),
  language: z.enum(LANGUAGES).optional().describe("Headers and fixed values in this language; the user's by default"),
  filter: z.string().max(100_000).optional(),
  sort: z.string().max(500).optional(),
  q: z.string().max(200).optional(),
});
const historyQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const historyResponse = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      changes: z.record(z.string(), z.unknown()),
    }),
  ),
  nextCursor: z.string().nullable(),
});
const bulkResponse = z.object({
  results: z.array(
    z.object({ id: z.string(), ok: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).optional() }),
  ),
});
const ifMatch = z.looseObject({ 'if-match': z.string().max(50).optional() });

function parseFilter(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw validation([{ path: 'filter', message: 'Not valid JSON' }]);
  }
}

const splitFields = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Mounts the generated REST endpoints of an entity under /api/v1/<resource>: list, query, export,
 * get, create, update (optimistic locking), delete/restore (trash), history and bulk.
 */
export async function registerEntityRoutes(
  api: FastifyInstance,
  entity: EntityDescriptor,
  /** `create: false` when the module creates records through its own route (users: with a password). */
  options: { create?: boolean } = {},
): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const base = `/${entity.resource}`;
  const tags = [entity.tag];
  const schemas = entitySchemas(entity);
  const list = z.object({ data: z.array(schemas.listItem), nextCursor: z.string().nullable() });
  const db = () => api.ctx.db;

  app.get(
    base,
    { schema: { tags, summary: `List ${entity.resource}`, querystring: listQuery, response: { 200: list } } },
    async (request) => {
      const q = request.query;
      const params: ListParams = {
        filter: parseFilter(q.filter),
        sort: q.sort,
        limit: q.limit,
        cursor: q.cursor,
        q: q.q,
        fields: splitFields(q.fields),
        trash: q.trash === 'true',
      };
      return listRecords(db(), requireActor(request), entity, params);
    },
  );

  app.post(
    `${base}/query`,
    { schema: { tags, summary: `Query ${entity.resource} (filter in the body)`, body: queryBody, response: { 200: list } } },
    async (request) => listRecords(db(), requireActor(request), entity, request.body),
  );

  app.get(
    `${base}/export`,
    { schema: { tags, summary: `Export ${entity.resource} as CSV or XLSX`, querystring: exportQuery } },
    async (request, reply) => {
      const q = request.query;
      const result = await exportRecords(db(), requireActor(request), entity, {
        format: q.format,
        language: q.language,
        separator: q.separator === undefined ? undefined : q.separator === 'semicolon' ? ';' : ',',
        filter: parseFilter(q.filter),
        sort: q.sort,
        q: q.q,
      });
      return reply
        .header('content-type', result.contentType)
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .send(result.stream);
    },
  );

  app.post(
    `${base}/bulk`,
    {
      schema: {
        tags,
        summary: `Update or delete many ${entity.resource}`,
        body: z.strictObject({
          action: z.enum(['update', 'delete']),
          ids: z.array(z.uuid()).min(1).max(MAX_BULK),
          patch: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 200: bulkResponse },
      },
    },
    async (request) => ({ results: await bulkRecords(db(), requireActor(request), entity, request.body) }),
  );

  app.get(
    `${base}/:id`,
    { schema: { tags, summary: `Get one of ${entity.resource}`, params: idParams, response: { 200: schemas.record } } },
    async (request) => publicRow(entity, await findRecord(db(), requireActor(request), entity, request.params.id)),
  );

  if (options.create !== false) {
    app.post(
      base,
      { schema: { tags, summary: `Create one of ${entity.resource}`, body: schemas.create, response: { 201: schemas.record } } },
      async (request, reply) => {
        const row = await createRecord(db(), requireActor(request), entity, request.body);
        return reply.code(201).send(row);
      },
    );
  }

  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Update one of ${entity.resource} (If-Match: "<version>" or version in the body)`,
        params: idParams,
        headers: ifMatch,
        body: schemas.update,
        response: { 200: schemas.record },
      },
    },
    async (request) =>
      updateRecord(
        db(),
        requireActor(request),
        entity,
        request.params.id,
        request.body,
        versionFromIfMatch(request.headers['if-match']),
      ),
  );

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Move one of ${entity.resource} to the trash`,
        params: idParams,
        headers: ifMatch,
        response: { 200: schemas.record },
      },
    },
    async (request) =>
      deleteRecord(db(), requireActor(request), entity, request.params.id, versionFromIfMatch(request.headers['if-match'])),
  );

  app.post(
    `${base}/:id/restore`,
    { schema: { tags, summary: `Restore one of ${entity.resource} from the trash`, params: idParams, response: { 200: schemas.record } } },
    async (request) => restoreRecord(db(), requireActor(request), entity, request.params.id),
  );

  app.get(
    `${base}/:id/history`,
    {
      schema: {
        tags,
        summary: `Change history of one of ${entity.resource}`,
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyResponse },
      },
    },
    async (request) => recordHistory(db(), requireActor(request), entity, request.params.id, request.query),
  );
}
