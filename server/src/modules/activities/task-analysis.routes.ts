import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { TASK_TYPES } from './task.entity.ts';
import { ANALYSIS_BY, ANALYSIS_UNITS, analyseTasks, taskWorkload } from './task-analysis.ts';

const tags = ['activities'];
/** A comma-separated list in the query string (`userIds=a,b`), each item checked. */
const list = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .string()
    .max(max * 40)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(max))
    .optional();

const filter = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string().min(1).max(64).default('UTC').describe('IANA zone whose days and weeks are counted'),
  userIds: list(z.uuid(), 200).describe('Assignees, comma-separated'),
  orgUnitId: z.uuid().optional().describe('Assignees in this org unit or below'),
  partnerId: z.uuid().optional(),
  types: list(z.enum(TASK_TYPES), TASK_TYPES.length).describe('Task types, comma-separated'),
});
const counts = { due: z.number(), open: z.number(), overdue: z.number(), done: z.number(), doneLate: z.number() };

/** Task analysis (A6): counts per day or week and per person or partner, and the workload per person. */
export async function taskAnalysisRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const db = () => root.ctx.db;

  api.get(
    '/tasks/analysis',
    {
      schema: {
        tags,
        summary: 'Tasks due (open, overdue) and done per day or week and per assignee or partner, in a bounded period',
        querystring: filter.extend({ unit: z.enum(ANALYSIS_UNITS).default('day'), by: z.enum(ANALYSIS_BY).default('user') }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            unit: z.enum(ANALYSIS_UNITS),
            by: z.enum(ANALYSIS_BY),
            timeZone: z.string(),
            totals: z.array(z.object({ period: z.string(), ...counts })),
            rows: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), ...counts })),
            cells: z.array(z.object({ period: z.string(), key: z.string().nullable(), label: z.string().nullable(), ...counts })),
          }),
        },
      },
    },
    async (request) => analyseTasks(db(), requireActor(request), request.query),
  );

  api.get(
    '/tasks/workload',
    {
      schema: {
        tags,
        summary: 'Workload per person: unfinished, in progress, overdue and due this week now; done in the period',
        querystring: filter,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            timeZone: z.string(),
            rows: z.array(
              z.object({
                userId: z.string().nullable(),
                name: z.string().nullable(),
                unfinished: z.number(),
                inProgress: z.number(),
                overdue: z.number(),
                dueThisWeek: z.number(),
                noDeadline: z.number(),
                done: z.number(),
                doneLate: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => taskWorkload(db(), requireActor(request), request.query),
  );
}
