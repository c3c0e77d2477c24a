import { defineEntity } from '../../platform/records/descriptor.ts';

/** Groups of partners (e.g. distributors, key accounts): every partner belongs to at most one. */
export const partnerGroupEntity = defineEntity({
  name: 'partnerGroup',
  resource: 'partner-groups',
  table: 'partner_group',
  // a list the administrators keep; every member reads it to pick from
  area: 'admin',
  labelKey: 'entities.partnerGroup',
  scope: 'workspace',
  readableByMembers: true,
  customFields: false,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'description', column: 'description', type: 'text', max: 2000, filterable: true },
    { name: 'color', column: 'color', type: 'string', max: 20, refine: (s) => s.refine((v) => v == null || /^#[0-9a-fA-F]{6}$/.test(String(v)), 'A colour like #1c7ed6') },
  ],
  search: { title: ['name'], body: ['description'] },
});
