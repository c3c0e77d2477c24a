import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { defineEntity, type EntityHooks, type RecordValues } from '../../platform/records/descriptor.ts';
import type { Trx } from '../../platform/audit/record-change.ts';

/** Rooms, cars, machines and equipment people book (A5): a list administrators keep. */
export const resourceEntity = defineEntity({
  name: 'resource',
  resource: 'resources',
  table: 'resource',
  area: 'admin',
  labelKey: 'entities.resource',
  scope: 'workspace',
  readableByMembers: true,
  customFields: false,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'kind', column: 'kind', type: 'enum', values: ['room', 'car', 'machine', 'equipment'], filterable: true, sortable: true },
    { name: 'location', column: 'location', type: 'string', max: 200, filterable: true, sortable: true },
    { name: 'capacity', column: 'capacity', type: 'integer', filterable: true, sortable: true, refine: (s) => s.refine((v) => v == null || Number(v) > 0, 'At least 1') },
    { name: 'color', column: 'color', type: 'string', max: 20, refine: (s) => s.refine((v) => v == null || /^#[0-9a-fA-F]{6}$/.test(String(v)), 'A colour like #1c7ed6') },
    { name: 'active', column: 'active', type: 'boolean', filterable: true, sortable: true },
    { name: 'description', column: 'description', type: 'text', max: 2000 },
  ],
  search: { title: ['name'], subtitle: ['location'], body: ['description'] },
});

const FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });

/**
 * A reservation needs a live, active resource and must not overlap another reservation of it. The
 * resource row is locked first, so of two simultaneous bookings of the same slot one waits and
 * then sees the other. Conflicts name the time taken, not what it is (it may be a colleague's).
 */
async function checkSlot(trx: Trx, workspaceId: string, values: RecordValues, exceptId: string | null): Promise<void> {
  const startsAt = new Date(String(values.startsAt));
  const endsAt = new Date(String(values.endsAt));
  if (!(endsAt > startsAt)) {
    throw new AppError('VALIDATION', 'The reservation ends before it starts', { errors: [{ path: 'endsAt', message: 'validation.endBeforeStart' }] });
  }
  const { rows: resource } = await sql<{ active: boolean; name: string }>`select active, name from resource
    where id = ${values.resourceId}::uuid and workspace_id = ${workspaceId} and deleted_at is null for update`.execute(trx);
  if (!resource[0]) throw new AppError('VALIDATION', 'No such resource', { errors: [{ path: 'resourceId', message: 'No resource with this id' }] });
  if (!resource[0].active) throw new AppError('RULE', `${resource[0].name} cannot be booked at the moment`, { errors: [{ path: 'resourceId', message: 'validation.resourceInactive' }] });
  const { rows: taken } = await sql<{ startsAt: Date; endsAt: Date }>`select starts_at as "startsAt", ends_at as "endsAt" from reservation
    where resource_id = ${values.resourceId}::uuid and deleted_at is null
      and starts_at < ${endsAt.toISOString()}::timestamptz and ends_at > ${startsAt.toISOString()}::timestamptz
      and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)
    order by starts_at limit 1`.execute(trx);
  if (taken[0]) {
    const when = `${FORMAT.format(taken[0].startsAt)}–${FORMAT.format(taken[0].endsAt)} UTC`;
    throw new AppError('CONFLICT', `${resource[0].name} is already reserved ${when}`, {
      errors: [{ path: 'startsAt', message: 'validation.reservationConflict' }],
      details: { conflict: { startsAt: taken[0].startsAt.toISOString(), endsAt: taken[0].endsAt.toISOString() } },
    });
  }
}

const reservationHooks: EntityHooks = {
  async beforeCreate({ trx, actor }, { values }) {
    await checkSlot(trx, actor.workspaceId, values, null);
  },
  async beforeUpdate({ trx, actor }, { before, patch }) {
    if (patch.startsAt === undefined && patch.endsAt === undefined && patch.resourceId === undefined) return;
    await checkSlot(trx, actor.workspaceId, { ...before, ...patch }, before.id);
  },
};

/** A booking of a resource for a time, by a person (and for a partner, if it is about one). */
export const reservationEntity = defineEntity({
  name: 'reservation',
  resource: 'reservations',
  table: 'reservation',
  area: 'activities',
  labelKey: 'entities.reservation',
  scope: { ownerColumns: ['owner_id'] },
  customFields: false,
  defaultSort: 'startsAt',
  fields: [
    { name: 'resourceId', column: 'resource_id', type: 'reference', to: 'resource', required: true, filterable: true },
    { name: 'title', column: 'title', type: 'string', required: true, max: 200, filterable: true, searchable: true },
    { name: 'startsAt', column: 'starts_at', type: 'datetime', required: true, filterable: true, sortable: true, notNull: true },
    { name: 'endsAt', column: 'ends_at', type: 'datetime', required: true, filterable: true, sortable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'notes', column: 'notes', type: 'text', max: 5000 },
  ],
  relations: [
    { name: 'resource', entity: 'resource', kind: 'belongsTo', column: 'resource_id' },
    { name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' },
  ],
  search: { title: ['title'] },
  hooks: reservationHooks,
});
