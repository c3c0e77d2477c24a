import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { validation } from '../../platform/errors.ts';
import { DEFAULT_LIMIT, listRecords, MAX_LIMIT } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { entitySchemas } from '../../platform/records/schemas.ts';
import { versionFromIfMatch } from '../../platform/records/write.ts';
import { eventEntity } from './event.entity.ts';
import { reminderRoutes } from './reminders.routes.ts';
import { taskEntity } from './task.entity.ts';
import { addTaskComment, completeTask, dispatchComments, dispatchTask, reopenTask, taskComments } from './task.service.ts';

const tags = ['activities'];
const idParams = z.object({ id: z.uuid() });
const mineQuery = z.object({
  filter: z.string().max(100_000).optional().describe('Further filter tree as JSON, as on GET /tasks'),
  sort: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().max(20_000).optional(),
  q: z.string().max(200).optional(),
});
const comment = z.object({ id: z.string(), taskId: z.string(), authorId: z.string().nullable(), authorName: z.string().nullable(), body: z.string(), createdAt: z.date() });
const actionBody = z.strictObject({ version: z.number().int().positive().optional() }).nullish();
const ifMatch = z.looseObject({ 'if-match': z.string().max(50).optional() });

function parseFilter(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw validation([{ path: 'filter', message: 'Not valid JSON' }]);
  }
}

/** Events and tasks (generated records routes), "my" task lists, task actions, dispatch and replies. */
export async function activityRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const db = () => root.ctx.db;
  const list = z.object({ data: z.array(entitySchemas(taskEntity).listItem), nextCursor: z.string().nullable() });

  // "tasks for me" and "tasks from me": the task list with a filter on the signed-in user
  for (const [path, summary, mine] of [
    ['/tasks/for-me', 'Tasks assigned to me', (me: string) => ({ field: 'assigneeId', op: 'eq', value: me })],
    [
      '/tasks/from-me',
      'Tasks I gave to others',
      (me: string) => ({ and: [{ field: 'createdBy', op: 'eq', value: me }, { field: 'assigneeId', op: 'ne', value: me }] }),
    ],
  ] as const) {
    api.get(path, { schema: { tags, summary, querystring: mineQuery, response: { 200: list } } }, async (request) => {
      const actor = requireActor(request);
      const { filter, ...rest } = request.query;
      const extra = parseFilter(filter);
      return listRecords(db(), actor, taskEntity, { ...rest, filter: extra === undefined ? mine(actor.userId) : { and: [mine(actor.userId), extra] } });
    });
  }

  api.post(
    '/tasks/dispatch',
    {
      schema: {
        tags,
        summary: 'Send one task to several people and groups at once: a copy for each, sharing a dispatchId',
        body: z.looseObject({
          assigneeIds: z.array(z.uuid()).max(500).default([]),
          groupIds: z.array(z.uuid()).max(100).default([]),
        }),
        response: { 201: z.object({ dispatchId: z.string(), data: z.array(entitySchemas(taskEntity).record) }) },
      },
    },
    async (request, reply) => {
      const { assigneeIds, groupIds, ...fields } = request.body;
      const result = await dispatchTask(db(), requireActor(request), taskEntity, { assigneeIds, groupIds, fields });
      return reply.code(201).send(result);
    },
  );

  api.get(
    '/tasks/dispatches/:dispatchId/comments',
    {
      schema: {
        tags,
        summary: 'Replies on every copy of a dispatched task the caller may read',
        params: z.object({ dispatchId: z.uuid() }),
        response: { 200: z.object({ data: z.array(comment.extend({ assigneeId: z.string().nullable() })) }) },
      },
    },
    async (request) => ({ data: await dispatchComments(db(), requireActor(request), taskEntity, request.params.dispatchId) }),
  );

  await registerEntityRoutes(root, eventEntity);
  await registerEntityRoutes(root, taskEntity);
  await reminderRoutes(root);

  for (const [action, summary, run] of [
    ['complete', 'Mark a task done', completeTask],
    ['reopen', 'Open a done task again', reopenTask],
  ] as const) {
    api.post(
      `/tasks/:id/${action}`,
      { schema: { tags, summary, params: idParams, headers: ifMatch, body: actionBody, response: { 200: entitySchemas(taskEntity).record } } },
      async (request) =>
        run(db(), requireActor(request), taskEntity, request.params.id, versionFromIfMatch(request.headers['if-match']) ?? request.body?.version),
    );
  }

  api.get(
    '/tasks/:id/comments',
    { schema: { tags, summary: 'Replies on a task, oldest first', params: idParams, response: { 200: z.object({ data: z.array(comment) }) } } },
    async (request) => ({ data: await taskComments(db(), requireActor(request), taskEntity, request.params.id) }),
  );

  api.post(
    '/tasks/:id/comments',
    {
      schema: {
        tags,
        summary: 'Reply on a task (plain text)',
        params: idParams,
        body: z.strictObject({ body: z.string().max(10_000) }),
        response: { 201: comment },
      },
    },
    async (request, reply) => reply.code(201).send(await addTaskComment(db(), requireActor(request), taskEntity, request.params.id, request.body.body)),
  );
}
