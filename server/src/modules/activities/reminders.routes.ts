import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/access/guard.ts';
import { findRecord } from '../../platform/records/query.ts';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { callbackEntity } from './callback.entity.ts';
import { myReminders } from './my-reminders.ts';
import { REMINDER_UNITS, reminderDefaults, reminderRowsOfTask, setReminderDefaults } from './reminders.service.ts';
import { taskEntity } from './task.entity.ts';
import { taskChainEntity, taskChainTemplateEntity } from './task-chain.entity.ts';

const tags = ['activities'];
const offsets = z.array(z.object({ amount: z.number().int(), unit: z.enum(REMINDER_UNITS) }));
const person = z.object({ kind: z.enum(['contact', 'user']), id: z.string(), name: z.string(), on: z.string() });

/** Reminders (A3): workspace defaults, a task's reminders, callbacks, "my reminders"; task chains (A7). */
export async function reminderRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const db = () => root.ctx.db;

  api.get(
    '/settings/reminders',
    { schema: { tags, summary: 'The reminders a new task gets when it names none', response: { 200: z.object({ reminders: offsets }) } } },
    async (request) => ({ reminders: await reminderDefaults(db(), requireActor(request).workspaceId) }),
  );
  api.put(
    '/settings/reminders',
    {
      schema: {
        tags,
        summary: 'Set the default reminders of new tasks (administrators)',
        body: z.strictObject({ reminders: z.unknown() }),
        response: { 200: z.object({ reminders: offsets }) },
      },
    },
    async (request) => ({ reminders: await setReminderDefaults(db(), requireActor(request), request.body.reminders) }),
  );

  api.get(
    '/tasks/:id/reminders',
    {
      schema: {
        tags,
        summary: "A task's scheduled reminders: when, and whether sent",
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            data: z.array(z.object({ id: z.string(), offsetMinutes: z.number().nullable(), remindAt: z.date(), status: z.string(), sentAt: z.date().nullable(), userId: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await findRecord(db(), actor, taskEntity, request.params.id);
      return { data: await reminderRowsOfTask(db(), actor.workspaceId, request.params.id) };
    },
  );

  api.get(
    '/me/reminders',
    {
      schema: {
        tags,
        summary: 'My reminders: tasks due, callbacks, birthdays and name days, contract expiries of the next days',
        querystring: z.object({ days: z.coerce.number().int().min(0).max(60).default(7) }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            tasks: z.array(z.object({ id: z.string(), title: z.string(), dueAt: z.date(), status: z.string(), partnerId: z.string().nullable(), partnerName: z.string().nullable(), when: z.enum(['overdue', 'today', 'soon']) })),
            callbacks: z.array(z.object({ id: z.string(), callAt: z.date(), note: z.string().nullable(), partnerId: z.string().nullable(), partnerName: z.string().nullable(), contactId: z.string().nullable(), contactName: z.string().nullable() })),
            birthdays: z.array(person),
            nameDays: z.array(person),
            contracts: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), endsOn: z.string(), noticeDays: z.number(), partnerId: z.string(), partnerName: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => myReminders(db(), requireActor(request), request.query.days),
  );

  await registerEntityRoutes(root, callbackEntity);
  await registerEntityRoutes(root, taskChainTemplateEntity);
  await registerEntityRoutes(root, taskChainEntity);
}
