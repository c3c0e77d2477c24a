import { defineEntity } from '../../platform/records/descriptor.ts';
import './partner-group.entity.ts';
import { addressesSchema, bankAccountsSchema, financialsSchema } from './lists.ts';
import { partnerHooks } from './partner.service.ts';

/** Partners: companies and private persons — customers, prospects, leads — with their account managers. */
export const partnerEntity = defineEntity({
  name: 'partner',
  resource: 'partners',
  table: 'partner',
  area: 'partners',
  labelKey: 'entities.partner',
  // the primary account manager sees and works the partner; the deputy too while the primary is away
  scope: { ownerColumns: ['owner_id'], standIns: [{ column: 'deputy_id', for: 'owner_id' }], orgUnitColumn: 'org_unit_id' },
  customFields: true,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 300, filterable: true, sortable: true, searchable: true },
    { name: 'kind', column: 'kind', type: 'enum', values: ['company', 'person'], filterable: true, sortable: true },
    { name: 'status', column: 'status', type: 'enum', values: ['lead', 'prospect', 'customer', 'inactive'], filterable: true, sortable: true },
    { name: 'legalName', column: 'legal_name', type: 'string', max: 300, filterable: true, searchable: true },
    { name: 'taxId', column: 'tax_id', type: 'string', max: 40, filterable: true, sortable: true, searchable: true },
    { name: 'taxIdKind', column: 'tax_id_kind', type: 'string', readOnly: true, filterable: true },
    { name: 'tradeRegister', column: 'trade_register', type: 'string', max: 60, filterable: true },
    { name: 'country', column: 'country', type: 'string', max: 2, filterable: true, sortable: true },
    { name: 'county', column: 'county', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'city', column: 'city', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'postalCode', column: 'postal_code', type: 'string', max: 20, filterable: true },
    { name: 'street', column: 'street', type: 'string', max: 300 },
    { name: 'addresses', column: 'addresses', type: 'json', refine: () => addressesSchema },
    { name: 'phone', column: 'phone', type: 'phone', max: 50, filterable: true },
    { name: 'email', column: 'email', type: 'email', max: 320, filterable: true, searchable: true },
    { name: 'website', column: 'website', type: 'url', max: 300 },
    { name: 'iban', column: 'iban', type: 'string', max: 40, filterable: true },
    { name: 'bic', column: 'bic', type: 'string', max: 11 },
    { name: 'bankName', column: 'bank_name', type: 'string', max: 200 },
    { name: 'bankAccounts', column: 'bank_accounts', type: 'json', refine: () => bankAccountsSchema },
    { name: 'financials', column: 'financials', type: 'json', refine: () => financialsSchema },
    { name: 'sector', column: 'sector', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'employees', column: 'employees', type: 'integer', filterable: true, sortable: true },
    { name: 'turnover', column: 'turnover', type: 'money', currencyField: 'turnoverCurrency', filterable: true, sortable: true },
    { name: 'turnoverCurrency', column: 'turnover_currency', type: 'string', max: 3 },
    { name: 'leadSource', column: 'lead_source', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'campaignId', column: 'campaign_id', type: 'reference', to: 'campaign', filterable: true },
    { name: 'groupId', column: 'group_id', type: 'reference', to: 'partnerGroup', filterable: true },
    { name: 'categories', column: 'categories', type: 'tags', filterable: true },
    { name: 'tags', column: 'tags', type: 'tags', filterable: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'deputyId', column: 'deputy_id', type: 'reference', to: 'user', filterable: true },
    { name: 'orgUnitId', column: 'org_unit_id', type: 'reference', to: 'orgUnit', filterable: true },
    { name: 'lastActivityAt', column: 'last_activity_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
    { name: 'convertedAt', column: 'converted_at', type: 'datetime', readOnly: true, filterable: true, sortable: true },
    { name: 'notes', column: 'notes', type: 'text', max: 20_000 },
  ],
  relations: [
    { name: 'owner', entity: 'user', kind: 'belongsTo', column: 'owner_id' },
    { name: 'orgUnit', entity: 'orgUnit', kind: 'belongsTo', column: 'org_unit_id' },
    { name: 'group', entity: 'partnerGroup', kind: 'belongsTo', column: 'group_id' },
  ],
  // name, legal name, tax ID, e-mail normalised together (migration 20261123140100_search_text)
  searchColumn: 'search_text',
  search: { title: ['name'], subtitle: ['taxId', 'city'], body: ['legalName', 'email'] },
  hooks: partnerHooks,
});
