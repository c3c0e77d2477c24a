import { defineEntity } from '../../platform/records/descriptor.ts';

/** Sales targets (S6 plan): an amount in the base currency for a month and a salesperson, product group or client. */
export const salesTargetEntity = defineEntity({
  name: 'salesTarget',
  resource: 'sales-targets',
  table: 'sales_target',
  area: 'sales',
  labelKey: 'entities.salesTarget',
  scope: 'workspace',
  customFields: false,
  defaultSort: '-month',
  fields: [
    { name: 'month', column: 'month', type: 'date', required: true, filterable: true, sortable: true, notNull: true, refine: (s) => s.refine((v) => v == null || String(v).endsWith('-01'), 'The first day of a month, like 2026-11-01') },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'productGroup', column: 'product_group', type: 'string', max: 100, filterable: true, sortable: true },
    { name: 'partnerId', column: 'partner_id', type: 'reference', to: 'partner', filterable: true },
    { name: 'amount', column: 'amount', type: 'money', required: true, filterable: true, sortable: true },
    { name: 'notes', column: 'notes', type: 'text', max: 2000 },
  ],
  search: { title: ['productGroup'] },
});
