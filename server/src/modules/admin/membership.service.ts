import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requireAdmin } from '../../platform/access/guard.ts';
import { recordChange, type Trx } from '../../platform/audit/record-change.ts';
import { notFound, validation } from '../../platform/errors.ts';
import { notifyUsers } from './admin-notifications.ts';

type Table = 'users' | 'userGroup' | 'role';

/** Checks that every id is a live row of the actor's workspace; names the bad ones in a 400. */
async function requireAll(trx: Trx, actor: Actor, table: Table, ids: string[], path: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom(table)
    .select('id')
    .where('id', 'in', ids)
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .execute();
  const known = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw validation(missing.map((id) => ({ path, message: `Unknown id ${id}` })));
}

async function requireOne(trx: Trx, actor: Actor, table: Table, id: string, what: string): Promise<void> {
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound(what);
}

const unique = (ids: string[]) => [...new Set(ids)];

/** Whose access a change of links touches: the user, the members added or removed, or a group's members. */
async function affectedUsers(
  trx: Trx,
  spec: Pick<LinkSpec, 'owner' | 'link'>,
  before: string[],
  after: string[],
): Promise<string[]> {
  if (spec.owner.table === 'users') return [spec.owner.id];
  if (spec.link === 'userGroupMember') {
    return [...before.filter((id) => !after.includes(id)), ...after.filter((id) => !before.includes(id))];
  }
  const members = await trx.selectFrom('userGroupMember').select('userId').where('groupId', '=', spec.owner.id).execute();
  return members.map((m) => m.userId);
}

interface LinkSpec {
  owner: { table: Table; id: string; entity: string; what: string };
  target: { table: Table; ids: string[]; path: string };
  link: 'userRole' | 'groupRole' | 'userGroupMember';
  ownerColumn: 'userId' | 'groupId';
  targetColumn: 'roleId' | 'userId' | 'groupId';
  field: string;
}

/**
 * Replaces one side of a many-to-many link (a user's roles, a group's members …) inside the caller's
 * transaction, with its audit row (the old and new id lists) and a notice to the users it touches.
 * Ids outside the actor's workspace are refused with 400, an owner outside it with 404.
 */
async function replaceLinksIn(trx: Trx, actor: Actor, spec: LinkSpec): Promise<string[]> {
  const ids = unique(spec.target.ids);
  await requireOne(trx, actor, spec.owner.table, spec.owner.id, spec.owner.what);
  await requireAll(trx, actor, spec.target.table, ids, spec.target.path);
  const link = spec.link;
  const before = (
    await trx.selectFrom(link).select(spec.targetColumn as 'userId').where(spec.ownerColumn as 'userId', '=', spec.owner.id).execute()
  ).map((r) => (r as Record<string, string>)[spec.targetColumn]!);
  await trx.deleteFrom(link).where(spec.ownerColumn as 'userId', '=', spec.owner.id).execute();
  if (ids.length) {
    await trx
      .insertInto(link)
      .values(
        ids.map(
          (id) =>
            ({ workspaceId: actor.workspaceId, [spec.ownerColumn]: spec.owner.id, [spec.targetColumn]: id }) as {
              workspaceId: string;
              userId: string;
              groupId: string;
              roleId: string;
            },
        ),
      )
      .execute();
  }
  await recordChange(trx, {
    workspaceId: actor.workspaceId,
    entity: spec.owner.entity,
    recordId: spec.owner.id,
    action: 'updated',
    actorId: actor.userId,
    changes: { [spec.field]: [before.sort(), [...ids].sort()] },
  });
  await notifyUsers(trx, actor.workspaceId, actor.name, await affectedUsers(trx, spec, before, ids), 'access_changed');
  return ids;
}

/** Administrators only; one transaction. */
function replaceLinks(db: Kysely<DB>, actor: Actor, spec: LinkSpec): Promise<string[]> {
  requireAdmin(actor);
  return db.transaction().execute((trx) => replaceLinksIn(trx, actor, spec));
}

const userRoles = (userId: string, roleIds: string[]): LinkSpec => ({
  owner: { table: 'users', id: userId, entity: 'user', what: 'User' },
  target: { table: 'role', ids: roleIds, path: 'roleIds' },
  link: 'userRole',
  ownerColumn: 'userId',
  targetColumn: 'roleId',
  field: 'roleIds',
});

const userGroups = (userId: string, groupIds: string[]): LinkSpec => ({
  owner: { table: 'users', id: userId, entity: 'user', what: 'User' },
  target: { table: 'userGroup', ids: groupIds, path: 'groupIds' },
  link: 'userGroupMember',
  ownerColumn: 'userId',
  targetColumn: 'groupId',
  field: 'groupIds',
});

/** A user's roles, inside a transaction the caller already checked the actor for (user creation). */
export const setUserRolesIn = (trx: Trx, actor: Actor, userId: string, roleIds: string[]) =>
  replaceLinksIn(trx, actor, userRoles(userId, roleIds));

/** A user's groups, inside a transaction the caller already checked the actor for (user creation). */
export const setUserGroupsIn = (trx: Trx, actor: Actor, userId: string, groupIds: string[]) =>
  replaceLinksIn(trx, actor, userGroups(userId, groupIds));

export const setUserRoles = (db: Kysely<DB>, actor: Actor, userId: string, roleIds: string[]) =>
  replaceLinks(db, actor, userRoles(userId, roleIds));

export const setUserGroups = (db: Kysely<DB>, actor: Actor, userId: string, groupIds: string[]) =>
  replaceLinks(db, actor, userGroups(userId, groupIds));

export const setGroupMembers = (db: Kysely<DB>, actor: Actor, groupId: string, userIds: string[]) =>
  replaceLinks(db, actor, {
    owner: { table: 'userGroup', id: groupId, entity: 'group', what: 'Group' },
    target: { table: 'users', ids: userIds, path: 'userIds' },
    link: 'userGroupMember',
    ownerColumn: 'groupId',
    targetColumn: 'userId',
    field: 'userIds',
  });

export const setGroupRoles = (db: Kysely<DB>, actor: Actor, groupId: string, roleIds: string[]) =>
  replaceLinks(db, actor, {
    owner: { table: 'userGroup', id: groupId, entity: 'group', what: 'Group' },
    target: { table: 'role', ids: roleIds, path: 'roleIds' },
    link: 'groupRole',
    ownerColumn: 'groupId',
    targetColumn: 'roleId',
    field: 'roleIds',
  });

/** Role and group ids of a user, for the settings screen. */
export async function userAccess(db: Kysely<DB>, actor: Actor, userId: string) {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).where('workspaceId', '=', actor.workspaceId).executeTakeFirst();
  if (!user) throw notFound('User');
  const roles = await db.selectFrom('userRole').select('roleId').where('userId', '=', userId).execute();
  const groups = await db.selectFrom('userGroupMember').select('groupId').where('userId', '=', userId).execute();
  return { roleIds: roles.map((r) => r.roleId), groupIds: groups.map((g) => g.groupId) };
}

/** Member and role ids of a group. */
export async function groupLinks(db: Kysely<DB>, actor: Actor, groupId: string) {
  const group = await db.selectFrom('userGroup').select('id').where('id', '=', groupId).where('workspaceId', '=', actor.workspaceId).executeTakeFirst();
  if (!group) throw notFound('Group');
  const members = await db.selectFrom('userGroupMember').select('userId').where('groupId', '=', groupId).execute();
  const roles = await db.selectFrom('groupRole').select('roleId').where('groupId', '=', groupId).execute();
  return { userIds: members.map((m) => m.userId), roleIds: roles.map((r) => r.roleId) };
}

/** Members of a group with their directory fields (every member of the workspace may read them). */
export async function groupMembers(db: Kysely<DB>, actor: Actor, groupId: string) {
  const group = await db
    .selectFrom('userGroup')
    .select('id')
    .where('id', '=', groupId)
    .where('workspaceId', '=', actor.workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!group) throw notFound('Group');
  return db
    .selectFrom('userGroupMember as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name', 'u.email', 'u.position', 'u.orgUnitId', 'u.active'])
    .where('m.groupId', '=', groupId)
    .where('u.workspaceId', '=', actor.workspaceId)
    .where('u.deletedAt', 'is', null)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}
