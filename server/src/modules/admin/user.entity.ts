import { defineEntity } from '../../platform/records/descriptor.ts';
import { userHooks } from './user.rules.ts';

/** People of the workspace — users who sign in and staff who do not: the directory (every member reads it; administrators change it). */
export const userEntity = defineEntity({
  name: 'user',
  resource: 'users',
  table: 'users',
  area: 'admin',
  labelKey: 'entities.user',
  scope: 'workspace',
  readableByMembers: true,
  customFields: true,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'email', column: 'email', type: 'email', readOnly: true, filterable: true, sortable: true, searchable: true },
    { name: 'locale', column: 'locale', type: 'enum', values: ['en', 'ro', 'pl', 'hu', 'uk'], filterable: true, sortable: true },
    { name: 'position', column: 'position', type: 'string', max: 200, filterable: true, sortable: true, searchable: true },
    { name: 'phone', column: 'phone', type: 'phone', max: 50, filterable: true },
    // not filterable or sortable: members could otherwise narrow a filter (here or through a relation
    // such as partners' owner.birthday) down to a colleague's birthday; only admins read the value
    { name: 'birthday', column: 'birthday', type: 'date' },
    { name: 'orgUnitId', column: 'org_unit_id', type: 'reference', to: 'orgUnit', filterable: true },
    { name: 'managerId', column: 'manager_id', type: 'reference', to: 'user', filterable: true },
    // an absence: deputies stand in for the user on these days (P5)
    { name: 'awayFrom', column: 'away_from', type: 'date', filterable: true, sortable: true },
    { name: 'awayUntil', column: 'away_until', type: 'date', filterable: true, sortable: true },
    { name: 'isAdmin', column: 'is_admin', type: 'boolean', filterable: true, sortable: true },
    { name: 'active', column: 'active', type: 'boolean', filterable: true, sortable: true },
    // false for staff in the directory who never sign in (P10)
    { name: 'canSignIn', column: 'can_sign_in', type: 'boolean', readOnly: true, filterable: true, sortable: true },
  ],
  relations: [
    { name: 'orgUnit', entity: 'orgUnit', kind: 'belongsTo', column: 'org_unit_id' },
    { name: 'manager', entity: 'user', kind: 'belongsTo', column: 'manager_id' },
  ],
  search: { title: ['name'], subtitle: ['email'], body: ['position'] },
  hooks: userHooks,
});
