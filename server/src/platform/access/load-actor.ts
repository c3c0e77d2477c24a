import type { Db } from '../../db/database.ts';
import { ACTIONS, type Actor, type Grants, SCOPES, type Scope } from './actor.ts';

const rank = (s: Scope | undefined) => (s ? SCOPES.indexOf(s) : 0);
export const widest = (a: Scope | undefined, b: Scope | undefined): Scope => (rank(a) >= rank(b) ? (a ?? 'none') : (b ?? 'none'));
export const narrowest = (a: Scope | undefined, b: Scope | undefined): Scope =>
  rank(a) <= rank(b) ? (a ?? 'none') : (b ?? 'none');

/** Unites several roles' grants: per area and action, the widest scope wins. */
export function mergeGrants(list: Grants[]): Grants {
  const out: Grants = {};
  for (const grants of list) {
    for (const [area, actions] of Object.entries(grants ?? {})) {
      out[area] ??= {};
      const target = out[area];
      for (const action of ACTIONS) {
        const scope = actions?.[action];
        if (scope && rank(scope) > rank(target[action])) target[action] = scope;
      }
    }
  }
  return out;
}

/** Keeps, per area and action, the narrower of two grant sets (an API key limited to one role). */
export function intersectGrants(a: Grants, b: Grants): Grants {
  const out: Grants = {};
  for (const area of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const action of ACTIONS) {
      const scope = narrowest(a[area]?.[action], b[area]?.[action]);
      if (scope === 'none') continue;
      out[area] ??= {};
      out[area][action] = scope;
    }
  }
  return out;
}

export interface LoadActorOptions {
  /** Limit the actor to this role's grants (API keys bound to a role). */
  limitToRoleId?: string | null;
}

/**
 * Builds the Actor for a user: profile, org unit path, groups, and grants united from the user's
 * roles and the roles of the user's groups. Inactive or deleted users get null.
 */
export async function loadActor(
  db: Db,
  userId: string,
  via: Actor['via'],
  options: LoadActorOptions = {},
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .leftJoin('orgUnit', 'orgUnit.id', 'users.orgUnitId')
    .select([
      'users.id',
      'users.workspaceId',
      'users.name',
      'users.email',
      'users.locale',
      'users.isAdmin',
      'users.orgUnitId',
      'users.active',
      'users.canSignIn',
      'users.deletedAt',
      'orgUnit.path as orgUnitPath',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  // staff without a login never act, even should credentials appear for them
  if (!user?.active || user.deletedAt || !user.canSignIn || !user.email) return null;

  const groups = await db
    .selectFrom('userGroupMember')
    .innerJoin('userGroup', 'userGroup.id', 'userGroupMember.groupId')
    .select('userGroupMember.groupId')
    .where('userGroupMember.userId', '=', userId)
    .where('userGroup.deletedAt', 'is', null)
    .execute();
  const groupIds = groups.map((g) => g.groupId);

  const roles = await db
    .selectFrom('role')
    .select(['role.id', 'role.grants'])
    .where('role.workspaceId', '=', user.workspaceId)
    .where('role.deletedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb('role.id', 'in', eb.selectFrom('userRole').select('roleId').where('userId', '=', userId)),
        ...(groupIds.length
          ? [eb('role.id', 'in', eb.selectFrom('groupRole').select('roleId').where('groupId', 'in', groupIds))]
          : []),
      ]),
    )
    .execute();
  let grants = mergeGrants(roles.map((r) => (r.grants ?? {}) as Grants));
  let isAdmin = user.isAdmin;

  if (options.limitToRoleId) {
    const limit = await db
      .selectFrom('role')
      .select('grants')
      .where('id', '=', options.limitToRoleId)
      .where('workspaceId', '=', user.workspaceId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    const limitGrants = (limit?.grants ?? {}) as Grants;
    grants = isAdmin ? limitGrants : intersectGrants(grants, limitGrants);
    isAdmin = false;
  }

  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    name: user.name,
    email: user.email,
    locale: user.locale,
    isAdmin,
    orgUnitId: user.orgUnitId,
    orgUnitPath: user.orgUnitPath ?? null,
    groupIds,
    grants,
    via,
  };
}
