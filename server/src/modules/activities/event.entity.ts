import { defineEntity } from '../../platform/records/descriptor.ts';
import { eventHooks } from './event.service.ts';
import { exdatesSchema } from './recurrence.ts';

export const EVENT_KINDS = ['call', 'meeting', 'visit', 'email', 'letter', 'note'] as const;

/**
 * Events (A1): the history of contact — calls, meetings, visits, e-mails, letters, notes — with a
 * partner, contact or opportunity, and the time spent. A private event is seen and changed only by
 * its owner and its author (and, as for every confidential row, administrators and people it is
 * explicitly shared with): the access core's confidential column.
 */
export const eventEntity = defineEntity({
  name: 'event',
  resource: 'events',
  table: 'event',
  area: 'activities',
  labelKey: 'entities.event',
  scope: { ownerColumns: ['owner_id', 'created_by'], confidentialColumn: 'is_private' },
  customFields: true,
  defaultSort: '-startsAt',
  displayField: 'subject',
  fields: [
    { name: 'subject', column: 'subject', type: 'string', required: true, max: 300, filterable: true, sortable: true, searchable: true },
    { name: 'kind', column: 'kind', type: 'enum', values: EVENT_KINDS, filterable: true, sortable: true },
    { name: 'startsAt', column: 'starts_at', type: 'datetime', filterable: true, sortable: true, notNull: true },
    { name: 'endsAt', column: 'ends_at', type: 'datetime', filterable: true, sortable: true },
    {
      name: 'minutesSpent',
      column: 'minutes_spent',
      type: 'integer',
      filterable: true,
      sortable: true,
      refine: (s) => s.refine((v) => v == null || Number(v) >= 0, 'validation.notNegative'),
    },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'contactId', column: 'contact_id', type: 'reference', to: 'contact', filterable: true },
    { name: 'opportunityId', column: 'opportunity_id', type: 'reference', to: 'opportunity', filterable: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'private', column: 'is_private', type: 'boolean', filterable: true },
    { name: 'location', column: 'location', type: 'string', max: 300, searchable: true },
    { name: 'description', column: 'description', type: 'text', max: 20_000 },
    // A4 recurring events: the rule, its exceptions, the zone it repeats in (see ./recurrence.ts)
    { name: 'rrule', column: 'rrule', type: 'string', max: 500, filterable: true },
    { name: 'exdates', column: 'exdates', type: 'json', refine: () => exdatesSchema },
    { name: 'timeZone', column: 'time_zone', type: 'string', max: 64 },
    { name: 'recurrenceEndsAt', column: 'recurrence_ends_at', type: 'datetime', readOnly: true, filterable: true },
    { name: 'seriesId', column: 'series_id', type: 'reference', to: 'event', filterable: true },
  ],
  relations: [
    { name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' },
    { name: 'contact', entity: 'contact', kind: 'belongsTo', column: 'contact_id' },
    { name: 'owner', entity: 'user', kind: 'belongsTo', column: 'owner_id' },
  ],
  // no `search`: the global search index does not know confidential rows, so private events stay out of it
  hooks: eventHooks,
});
