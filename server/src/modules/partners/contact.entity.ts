import { defineEntity } from '../../platform/records/descriptor.ts';
import { addressesSchema, idDocumentsSchema, keyValueSchema } from './lists.ts';
import { contactHooks } from './partner.service.ts';

/** Contact persons: people at partners (one person may work with several partners). */
export const contactEntity = defineEntity({
  name: 'contact',
  resource: 'contacts',
  table: 'contact',
  area: 'partners',
  labelKey: 'entities.contact',
  scope: { ownerColumns: ['owner_id'] },
  customFields: true,
  defaultSort: 'fullName',
  fields: [
    { name: 'fullName', column: 'full_name', type: 'string', readOnly: true, filterable: true, sortable: true, searchable: true },
    { name: 'firstName', column: 'first_name', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'lastName', column: 'last_name', type: 'string', required: true, max: 100, filterable: true, sortable: true },
    { name: 'position', column: 'position', type: 'string', max: 200, filterable: true, searchable: true },
    { name: 'email', column: 'email', type: 'email', max: 320, filterable: true, sortable: true, searchable: true },
    { name: 'phone', column: 'phone', type: 'phone', max: 50, filterable: true },
    { name: 'mobile', column: 'mobile', type: 'phone', max: 50, filterable: true },
    { name: 'birthday', column: 'birthday', type: 'date', filterable: true, sortable: true },
    { name: 'nameDay', column: 'name_day', type: 'string', max: 5, filterable: true },
    { name: 'categories', column: 'categories', type: 'tags', filterable: true },
    { name: 'messaging', column: 'messaging', type: 'json', refine: () => keyValueSchema(20) },
    { name: 'idDocuments', column: 'id_documents', type: 'json', refine: () => idDocumentsSchema },
    { name: 'addresses', column: 'addresses', type: 'json', refine: () => addressesSchema },
    { name: 'city', column: 'city', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'country', column: 'country', type: 'string', max: 2, filterable: true },
    { name: 'consentEmail', column: 'consent_email', type: 'boolean', filterable: true },
    { name: 'consentAt', column: 'consent_at', type: 'datetime', readOnly: true, filterable: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'notes', column: 'notes', type: 'text', max: 20_000 },
  ],
  // name, position, e-mail normalised together (migration 20261123140100_search_text)
  searchColumn: 'search_text',
  search: { title: ['fullName'], subtitle: ['position', 'email'] },
  hooks: contactHooks,
});
