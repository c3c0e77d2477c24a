import { sql } from 'kysely';
import type { EntityHooks, RecordValues } from '../../platform/records/descriptor.ts';
import { linkContactToPartner, requireOrder } from './links.ts';
import { applyRecurrence } from './recurrence.ts';

const minutesBetween = (from: unknown, to: unknown): number | null =>
  typeof from === 'string' && typeof to === 'string' ? Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000)) : null;

/** The end is not before the start, and the time spent defaults to the time between them. */
function checkTimes(values: RecordValues, before: RecordValues): void {
  const merged = { ...before, ...values };
  if (values.startsAt !== undefined || values.endsAt !== undefined) {
    requireOrder(merged.startsAt, merged.endsAt, 'endsAt', 'validation.endBeforeStart');
    // the time spent follows the times unless someone set it to something else
    const derivedBefore = minutesBetween(before.startsAt, before.endsAt);
    const followsTimes = before.minutesSpent === undefined || before.minutesSpent === null || before.minutesSpent === derivedBefore;
    if (values.minutesSpent === undefined && followsTimes) {
      const minutes = minutesBetween(merged.startsAt, merged.endsAt);
      if (minutes !== null) values.minutesSpent = minutes;
    }
  }
}

export const eventHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    // the moment it is written down, unless told when it happened
    if (values.startsAt === undefined || values.startsAt === null) values.startsAt = new Date().toISOString();
    checkTimes(values, {});
    await applyRecurrence(trx, actor.workspaceId, values, {});
    await linkContactToPartner(trx, actor.workspaceId, values, values);
  },
  async beforeUpdate({ trx, actor }, { before, patch }) {
    if (patch.startsAt === null) patch.startsAt = before.startsAt;
    checkTimes(patch, before);
    await applyRecurrence(trx, actor.workspaceId, patch, before);
    await linkContactToPartner(trx, actor.workspaceId, patch, { ...before, ...patch });
  },
  async afterWrite({ trx, actor }, { action, before, after }) {
    // The engine's event names the partner, which puts it on the partner's timeline for everyone who
    // may read the partner; a private event must not be there, so its event forgets the partner (and
    // its contents), and entries from before it became private leave the timeline. A public event
    // is shown there by its subject.
    const payload = after.private
      ? sql`payload - 'partnerId' - 'title' - 'changes'`
      : sql`payload || jsonb_build_object('title', ${String(after.subject ?? '')}::text)`;
    await sql`update outbox_event set payload = ${payload}
      where id = (select id from outbox_event where entity = 'event' and record_id = ${after.id}::uuid order by id desc limit 1)`.execute(trx);
    const partners = [before?.partnerId, after.partnerId].filter((p): p is string => typeof p === 'string');
    if (after.private && !before?.private && action === 'updated' && partners.length) {
      await sql`delete from partner_timeline where partner_id = any(${partners}::uuid[]) and workspace_id = ${actor.workspaceId}
        and entity = 'event' and record_id = ${after.id}::uuid`.execute(trx);
    }
    // contact with the partner is its latest activity (the nightly lifecycle job reads it), private or not
    if (action === 'created' && typeof after.partnerId === 'string') {
      await sql`update partner set last_activity_at = greatest(last_activity_at, now())
        where id = ${after.partnerId}::uuid and workspace_id = ${actor.workspaceId}`.execute(trx);
    }
  },
};
