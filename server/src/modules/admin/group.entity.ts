import { defineEntity } from '../../platform/records/descriptor.ts';

/** Groups of users (workgroups): roles given to a group apply to its members. */
export const groupEntity = defineEntity({
  name: 'group',
  resource: 'groups',
  table: 'user_group',
  area: 'admin',
  labelKey: 'entities.group',
  scope: 'workspace',
  readableByMembers: true,
  customFields: true,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'description', column: 'description', type: 'text', max: 2000, filterable: true },
  ],
  search: { title: ['name'], body: ['description'] },
});
