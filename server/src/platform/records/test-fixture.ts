import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
// registers orgUnit (reference target and relation of the test entity)
import '../../modules/admin/org-unit.entity.ts';
import type { Actor } from '../access/actor.ts';
import { loadActor } from '../access/load-actor.ts';
import { newId } from '../ids.ts';
import { defineEntity } from './descriptor.ts';

/** A records table with every field type, owner-scoped, for engine tests (created per test database). */
export const itemEntity = defineEntity({
  name: 'testItem',
  resource: 'test-items',
  table: 'test_item',
  area: 'items',
  scope: { ownerColumns: ['owner_id'], confidentialColumn: 'confidential' },
  customFields: true,
  defaultSort: 'name',
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true, filterable: true, sortable: true, searchable: true },
    { name: 'notes', column: 'notes', type: 'text', filterable: true, searchable: true },
    { name: 'email', column: 'email', type: 'email', filterable: true, sortable: true },
    { name: 'qty', column: 'qty', type: 'integer', filterable: true, sortable: true },
    { name: 'score', column: 'score', type: 'number', filterable: true, sortable: true },
    { name: 'amount', column: 'amount', type: 'money', currencyField: 'currency', filterable: true, sortable: true },
    { name: 'currency', column: 'currency', type: 'string', max: 3 },
    { name: 'active', column: 'active', type: 'boolean', filterable: true, sortable: true },
    { name: 'dueOn', column: 'due_on', type: 'date', filterable: true, sortable: true },
    { name: 'happenedAt', column: 'happened_at', type: 'datetime', filterable: true, sortable: true },
    { name: 'status', column: 'status', type: 'enum', values: ['open', 'won', 'lost'], filterable: true, sortable: true },
    { name: 'tags', column: 'tags', type: 'tags', filterable: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user', filterable: true },
    { name: 'orgUnitId', column: 'org_unit_id', type: 'reference', to: 'orgUnit', filterable: true },
    { name: 'confidential', column: 'confidential', type: 'boolean', filterable: true },
    { name: 'secretNote', column: 'secret_note', type: 'string', hidden: true },
  ],
  relations: [{ name: 'orgUnit', entity: 'orgUnit', kind: 'belongsTo', column: 'org_unit_id' }],
});

export interface RecordsFixture {
  ws: string;
  otherWs: string;
  admin: Actor;
  member: Actor;
  reader: Actor;
  foreign: Actor;
  unitId: string;
}

/** Two workspaces, an admin, a member with own-scope item grants, a read-only member, and B's admin. */
export async function setupRecordsFixture(database: Database): Promise<RecordsFixture> {
  const { db } = database;
  const ws = newId();
  const otherWs = newId();
  await db
    .insertInto('workspace')
    .values([
      { id: ws, name: 'A', slug: `a-${ws}` },
      { id: otherWs, name: 'B', slug: `b-${otherWs}` },
    ])
    .execute();
  const unitId = newId();
  await db.insertInto('orgUnit').values({ id: unitId, workspaceId: ws, name: 'Company', path: `/${unitId}/` }).execute();
  const ids = { admin: newId(), member: newId(), reader: newId(), foreign: newId() };
  await db
    .insertInto('users')
    .values([
      { id: ids.admin, workspaceId: ws, name: 'Ana Admin', email: `admin-${ws}@x.test`, isAdmin: true, orgUnitId: unitId },
      { id: ids.member, workspaceId: ws, name: 'Mihai Member', email: `member-${ws}@x.test`, orgUnitId: unitId },
      { id: ids.reader, workspaceId: ws, name: 'Radu Reader', email: `reader-${ws}@x.test` },
      { id: ids.foreign, workspaceId: otherWs, name: 'Bela Foreign', email: `foreign-${ws}@x.test`, isAdmin: true },
    ])
    .execute();
  const ownRole = newId();
  const readRole = newId();
  await db
    .insertInto('role')
    .values([
      {
        id: ownRole,
        workspaceId: ws,
        name: 'own',
        grants: JSON.stringify({ items: { read: 'own', create: 'own', update: 'own', delete: 'own' } }),
      },
      { id: readRole, workspaceId: ws, name: 'reader', grants: JSON.stringify({ items: { read: 'all' } }) },
    ])
    .execute();
  await db
    .insertInto('userRole')
    .values([
      { workspaceId: ws, userId: ids.member, roleId: ownRole },
      { workspaceId: ws, userId: ids.reader, roleId: readRole },
    ])
    .execute();
  await sql`create table if not exists test_item (
    id uuid primary key, workspace_id uuid not null references workspace(id), name text not null, notes text,
    email text, qty int, score double precision, amount numeric(18,2), currency text, active boolean, due_on date,
    happened_at timestamptz, status text, tags text[], owner_id uuid, org_unit_id uuid, confidential boolean not null default false,
    secret_note text, custom jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now(), created_by uuid, updated_at timestamptz not null default now(),
    updated_by uuid, version int not null default 1, deleted_at timestamptz)`.execute(db);
  const load = async (id: string) => (await loadActor(db, id, 'session'))!;
  return {
    ws,
    otherWs,
    admin: await load(ids.admin),
    member: await load(ids.member),
    reader: await load(ids.reader),
    foreign: await load(ids.foreign),
    unitId,
  };
}
