import type { AppContext } from '../platform/context.ts';
import { FILES_COLLECT_QUEUE } from '../platform/files/collect.ts';
import { fireAllDueReminders } from './activities/reminders.service.ts';
import { refreshTaskStatuses } from './activities/task.service.ts';
import { DEMO_QUEUE, seedDemo } from './demo/seed.ts';
import { IMPORT_QUEUE } from './imports/import.service.ts';
import { runImport } from './imports/import-run.ts';
import { LIFECYCLE_QUEUE, markInactiveCustomers } from './partners/lifecycle.ts';
import { projectTimeline } from './partners/timeline.ts';
import { contractsDaily } from './sales/contracts.ts';
import { expireOffers } from './sales/documents.service.ts';

/** Background work of the business modules: job handlers and their schedules. */
export async function registerModuleWork(ctx: AppContext): Promise<void> {
  ctx.worker.registerConsumer('partner-timeline', projectTimeline);
  ctx.worker.registerHandler(DEMO_QUEUE, async (job) => {
    const { workspaceId, userId } = job.payload as { workspaceId: string; userId: string };
    const result = await seedDemo(ctx.db, workspaceId, userId);
    return { skipped: result.skipped, ...result.counts };
  });
  ctx.worker.registerHandler(IMPORT_QUEUE, (job) => runImport(ctx.db, ctx.blobs, job));
  ctx.worker.registerHandler(LIFECYCLE_QUEUE, async () => ({ inactive: await markInactiveCustomers(ctx.db) }));
  await ctx.worker.schedule('partners-lifecycle', LIFECYCLE_QUEUE, 24 * 60 * 60);
  ctx.worker.registerHandler('tasks.status', async () => ({ moved: await refreshTaskStatuses(ctx.db) }));
  await ctx.worker.schedule('tasks-status', 'tasks.status', 60);
  // A3: due reminders fire once (claimed with SKIP LOCKED), every minute
  ctx.worker.registerHandler('reminders.fire', () => fireAllDueReminders(ctx.db));
  await ctx.worker.schedule('reminders-fire', 'reminders.fire', 60);
  ctx.worker.registerHandler('offers.expire', async () => ({ expired: await expireOffers(ctx.db) }));
  await ctx.worker.schedule('offers-expire', 'offers.expire', 60 * 60);
  ctx.worker.registerHandler('contracts.daily', () => contractsDaily(ctx.db));
  await ctx.worker.schedule('contracts-daily', 'contracts.daily', 24 * 60 * 60);
  // the platform's files collector (its handler: platform/background.ts), scheduled with the rest
  await ctx.worker.schedule('files-collect', FILES_COLLECT_QUEUE, 6 * 60 * 60);
}
