import { grantsSchema } from '../../platform/access/areas.ts';
import { defineEntity } from '../../platform/records/descriptor.ts';

/** Roles: named sets of grants (area × action → scope), given to users directly or through groups. */
export const roleEntity = defineEntity({
  name: 'role',
  resource: 'roles',
  table: 'role',
  area: 'admin',
  labelKey: 'entities.role',
  scope: 'workspace',
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 100, filterable: true, sortable: true, searchable: true },
    { name: 'description', column: 'description', type: 'text', max: 2000, filterable: true },
    { name: 'grants', column: 'grants', type: 'json', refine: () => grantsSchema },
  ],
});
