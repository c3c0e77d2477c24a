import type { AppContext } from './context.ts';
import { collectUnreferencedBlobs, FILES_COLLECT_QUEUE } from './files/collect.ts';
import { MAIL_QUEUE } from './mail/send.ts';
import { NOTIFICATION_DELIVERY_QUEUE, notificationDeliveryJob } from './notifications/notify.ts';
import { createSmsGateway } from './notifications/sms.ts';
import { indexFromEvents } from './search/search-index.ts';

/** Registers the platform's background work (outbox consumers, job handlers) on the context's worker. */
export function registerBackgroundWork(ctx: AppContext): void {
  ctx.worker.registerConsumer('search-index', indexFromEvents);
  ctx.worker.registerHandler(FILES_COLLECT_QUEUE, () => collectUnreferencedBlobs(ctx.db, ctx.blobs));
  ctx.worker.registerHandler(MAIL_QUEUE, ctx.mailer.deliveryJob());
  ctx.worker.registerHandler(
    NOTIFICATION_DELIVERY_QUEUE,
    notificationDeliveryJob({ db: ctx.db, mailer: ctx.mailer, sms: createSmsGateway(ctx.config.smsGateway), config: ctx.config }),
  );
}
