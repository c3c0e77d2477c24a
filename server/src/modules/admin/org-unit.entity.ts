import { defineEntity } from '../../platform/records/descriptor.ts';
import { orgUnitHooks } from './org-unit.service.ts';

/** Org units: the company tree (departments, branches). Team scope = a unit and everything below it. */
export const orgUnitEntity = defineEntity({
  name: 'orgUnit',
  resource: 'org-units',
  table: 'org_unit',
  area: 'admin',
  labelKey: 'entities.orgUnit',
  scope: 'workspace',
  // Every member needs the tree (pickers, team filters); only administrators change it.
  readableByMembers: true,
  customFields: true,
  defaultSort: 'path',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'code', column: 'code', type: 'string', max: 50, filterable: true, sortable: true, searchable: true },
    { name: 'parentId', column: 'parent_id', type: 'reference', to: 'orgUnit', filterable: true },
    { name: 'path', column: 'path', type: 'string', readOnly: true, filterable: true, sortable: true },
  ],
  relations: [
    { name: 'parent', entity: 'orgUnit', kind: 'belongsTo', column: 'parent_id' },
    { name: 'children', entity: 'orgUnit', kind: 'hasMany', column: 'parent_id' },
  ],
  search: { title: ['name'], subtitle: ['code'] },
  hooks: orgUnitHooks,
});
