import { validation } from '../../platform/errors.ts';
import { defineEntity } from '../../platform/records/descriptor.ts';
import { linkContactToPartner } from './links.ts';
import { syncCallbackReminder } from './reminders.service.ts';

/**
 * Callbacks (A3): "call back at <time>" about a partner or a contact person, with a note; the person
 * who calls back (the author unless another is named) is reminded at that time, once.
 */
export const callbackEntity = defineEntity({
  name: 'callback',
  resource: 'callbacks',
  table: 'callback',
  area: 'activities',
  labelKey: 'entities.callback',
  scope: { ownerColumns: ['user_id', 'created_by'] },
  customFields: true,
  defaultSort: 'callAt',
  fields: [
    { name: 'callAt', column: 'call_at', type: 'datetime', required: true, filterable: true, sortable: true },
    { name: 'note', column: 'note', type: 'text', max: 5000, searchable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'contactId', column: 'contact_id', type: 'reference', to: 'contact', filterable: true },
    { name: 'userId', column: 'user_id', type: 'reference', to: 'user', filterable: true },
    { name: 'doneAt', column: 'done_at', type: 'datetime', filterable: true, sortable: true },
  ],
  relations: [
    { name: 'partner', entity: 'partner', kind: 'belongsTo', column: 'partner_id' },
    { name: 'contact', entity: 'contact', kind: 'belongsTo', column: 'contact_id' },
  ],
  hooks: {
    async beforeCreate({ trx, actor }, { values }) {
      await linkContactToPartner(trx, actor.workspaceId, values, values);
      if (typeof values.partnerId !== 'string' && typeof values.contactId !== 'string') {
        throw validation([{ path: 'partnerId', message: 'validation.callbackNeedsRecord' }], 'Name the partner or the person to call back');
      }
    },
    async beforeUpdate({ trx, actor }, { before, patch }) {
      const merged = { ...before, ...patch };
      await linkContactToPartner(trx, actor.workspaceId, patch, merged);
      if (typeof merged.partnerId !== 'string' && typeof merged.contactId !== 'string') {
        throw validation([{ path: 'partnerId', message: 'validation.callbackNeedsRecord' }], 'Name the partner or the person to call back');
      }
      if (patch.userId === null) throw validation([{ path: 'userId', message: 'validation.required' }]);
    },
    async afterWrite({ trx, actor }, { after }) {
      await syncCallbackReminder(trx, actor.workspaceId, after);
    },
  },
});
