import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/access/load-actor.ts';
import { scopeWhere } from '../../platform/access/scope.ts';
import { defineEntity } from '../../platform/records/descriptor.ts';
import { findRecord } from '../../platform/records/query.ts';
import { createRecord } from '../../platform/records/write.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';

const dealEntity = defineEntity({
  name: 'sharedDeal',
  resource: 'shared-deals',
  table: 'shared_deal',
  area: 'sales',
  scope: { ownerColumns: ['owner_id'] },
  fields: [
    { name: 'name', column: 'name', type: 'string', required: true },
    { name: 'ownerId', column: 'owner_id', type: 'reference', to: 'user' },
  ],
});

let t: TestApp;
let admin: SignedIn;
let owner: SignedIn;
let colleague: SignedIn;
let b: SignedIn;
let dealId: string;
const own = { sales: { read: 'own', create: 'own', update: 'own', delete: 'own' } } as const;

beforeAll(async () => {
  t = await createTestApp();
  await sql`create table shared_deal (id uuid primary key, workspace_id uuid not null, name text not null, owner_id uuid,
    created_at timestamptz not null default now(), created_by uuid, updated_at timestamptz not null default now(),
    updated_by uuid, version int not null default 1, deleted_at timestamptz)`.execute(t.ctx.db);
  admin = await setupWorkspace(t);
  owner = await addUser(t, admin.workspaceId, { grants: own });
  colleague = await addUser(t, admin.workspaceId, { grants: own });
  b = await setupWorkspace(t);
  const ownerActor = (await loadActor(t.ctx.db, owner.userId, 'session'))!;
  dealId = String((await createRecord(t.ctx.db, ownerActor, dealEntity, { name: 'Contract Łódź' })).id);
});
afterAll(() => t.close());

const colleagueSees = async (action: 'read' | 'update' = 'read') => {
  const actor = (await loadActor(t.ctx.db, colleague.userId, 'session'))!;
  return findRecord(t.ctx.db, actor, dealEntity, dealId, { action }).then(
    () => true,
    () => false,
  );
};

describe(`record sharing (${testDatabaseKind})`, () => {
  it('lets the owner share a record read-only with a colleague, and take it back', async () => {
    expect(await colleagueSees()).toBe(false);
    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/record-grants',
      headers: owner.headers,
      payload: { entity: 'sharedDeal', recordId: dealId, principalType: 'user', principalId: colleague.userId, access: 'read' },
    });
    expect(grant.statusCode).toBe(201);
    expect(await colleagueSees('read')).toBe(true);
    expect(await colleagueSees('update')).toBe(false);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/record-grants?entity=sharedDeal&recordId=${dealId}`, headers: owner.headers });
    expect(list.json().data).toHaveLength(1);
    const history = await t.ctx.db.selectFrom('auditLog').select('action').where('recordId', '=', dealId).execute();
    expect(history.map((h) => h.action)).toContain('shared');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/record-grants/${grant.json().id}`, headers: owner.headers })).statusCode).toBe(204);
    expect(await colleagueSees()).toBe(false);
  });

  it('refuses sharing by someone who cannot change the record, with another workspace, or with strangers', async () => {
    const payload = { entity: 'sharedDeal', recordId: dealId, principalType: 'user', principalId: colleague.userId, access: 'write' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/record-grants', headers: colleague.headers, payload })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/record-grants', headers: b.headers, payload })).statusCode).toBe(404);
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/api/v1/record-grants',
      headers: owner.headers,
      payload: { ...payload, principalId: b.userId },
    });
    expect(stranger.statusCode).toBe(400);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/record-grants', headers: admin.headers, payload: { ...payload, entity: 'nothing' } });
    expect(unknown.statusCode).toBe(400);
    expect(await colleagueSees()).toBe(false);
  });

  it('makes a record visible through scopeWhere to a group’s members and to an org unit and the units below it', async () => {
    const visibleTo = async (userId: string, action: 'read' | 'update') => {
      const actor = (await loadActor(t.ctx.db, userId, 'session'))!;
      const where = scopeWhere(actor, 'sales', action, { entity: 'sharedDeal', idColumn: 'd.id', ownerColumns: ['d.owner_id'] });
      const { rows } = await sql<{ id: string }>`select d.id from shared_deal d
        where d.workspace_id = ${actor.workspaceId} and d.deleted_at is null and ${where}`.execute(t.ctx.db);
      return rows.map((r) => r.id);
    };
    const share = (payload: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/record-grants', headers: admin.headers, payload: { entity: 'sharedDeal', recordId: dealId, ...payload } });

    const group = (await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: admin.headers, payload: { name: 'Deal room' } })).json();
    await t.app.inject({ method: 'PUT', url: `/api/v1/groups/${group.id}/members`, headers: admin.headers, payload: { userIds: [colleague.userId] } });
    expect(await visibleTo(colleague.userId, 'read')).toEqual([]);
    expect((await share({ principalType: 'group', principalId: group.id, access: 'write' })).statusCode).toBe(201);
    expect(await visibleTo(colleague.userId, 'read')).toEqual([dealId]);
    expect(await visibleTo(colleague.userId, 'update')).toEqual([dealId]);
    // write access lets the colleague change the record through the engine as well
    expect(await colleagueSees('update')).toBe(true);

    const root = (await t.ctx.db.selectFrom('orgUnit').select('id').where('workspaceId', '=', admin.workspaceId).executeTakeFirstOrThrow()).id;
    const branch = (await t.app.inject({ method: 'POST', url: '/api/v1/org-units', headers: admin.headers, payload: { name: 'Poznań', parentId: root } })).json();
    const below = (await t.app.inject({ method: 'POST', url: '/api/v1/org-units', headers: admin.headers, payload: { name: 'Poznań Nord', parentId: branch.id } })).json();
    const inBranch = await addUser(t, admin.workspaceId, { grants: own, orgUnitId: below.id });
    const outside = await addUser(t, admin.workspaceId, { grants: own, orgUnitId: root });
    expect((await share({ principalType: 'org_unit', principalId: branch.id, access: 'read' })).statusCode).toBe(201);
    expect(await visibleTo(inBranch.userId, 'read')).toEqual([dealId]);
    expect(await visibleTo(inBranch.userId, 'update')).toEqual([]);
    expect(await visibleTo(outside.userId, 'read')).toEqual([]);
    const listed = (await t.app.inject({ method: 'GET', url: `/api/v1/record-grants?entity=sharedDeal&recordId=${dealId}`, headers: admin.headers })).json();
    expect(listed.data.map((g: { principalType: string }) => g.principalType).sort()).toEqual(['group', 'org_unit']);

    // another workspace's administrator sees none of it and removes nothing
    const groupGrant = listed.data.find((g: { principalType: string }) => g.principalType === 'group');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/record-grants?entity=sharedDeal&recordId=${dealId}`, headers: b.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/record-grants/${groupGrant.id}`, headers: b.headers })).statusCode).toBe(404);
    // nor does a colleague who may not change the record, even with write access through a group
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/record-grants/${groupGrant.id}`, headers: inBranch.headers })).statusCode).toBe(404);
    expect(await visibleTo(colleague.userId, 'read')).toEqual([dealId]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/record-grants/${groupGrant.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect(await visibleTo(colleague.userId, 'read')).toEqual([]);
  });

  it('refuses sharing records of workspace-wide entities and unknown principals', async () => {
    const grants = () => t.ctx.db.selectFrom('recordGrant').select('id').where('workspaceId', '=', admin.workspaceId).execute();
    const before = await grants();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/record-grants',
      headers: admin.headers,
      payload: { entity: 'group', recordId: dealId, principalType: 'user', principalId: colleague.userId, access: 'read' },
    });
    expect(bad.statusCode).toBe(400);
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/record-grants',
      headers: admin.headers,
      payload: { entity: 'sharedDeal', recordId: dealId, principalType: 'group', principalId: colleague.userId, access: 'read' },
    });
    expect(wrongType.statusCode).toBe(400);
    const badAccess = await t.app.inject({
      method: 'POST',
      url: '/api/v1/record-grants',
      headers: admin.headers,
      payload: { entity: 'sharedDeal', recordId: dealId, principalType: 'user', principalId: colleague.userId, access: 'admin' },
    });
    expect(badAccess.statusCode).toBe(400);
    expect(await grants()).toEqual(before);
  });
});
