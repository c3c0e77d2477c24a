import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can, requireAdmin } from '../../platform/access/guard.ts';
import { recordChange, type Trx } from '../../platform/audit/record-change.ts';
import { createUserWithPassword } from '../../platform/auth/users.ts';
import { AppError, forbidden, notFound, validation } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findRecord } from '../../platform/records/query.ts';
import { inTransaction, updateRecord } from '../../platform/records/write.ts';
import { setUserGroupsIn, setUserRolesIn } from './membership.service.ts';
import { userEntity } from './user.entity.ts';

export interface NewUserInput {
  name: string;
  /** Optional only for staff without a login. */
  email?: string | undefined;
  /** false: staff in the directory who never sign in (no credentials, no invitation). */
  login?: boolean;
  /** Omitted when the user is invited: they choose a password through the e-mailed link. */
  password?: string;
  locale: string;
  orgUnitId?: string | null;
  managerId?: string | null;
  position?: string | null;
  phone?: string | null;
  birthday?: string | null;
  isAdmin: boolean;
  roleIds: string[];
  groupIds: string[];
}

async function requireLiveRow(trx: Trx, table: 'orgUnit' | 'users', workspaceId: string, id: string, path: string) {
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('workspaceId', '=', workspaceId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw validation([{ path, message: `No such ${table === 'orgUnit' ? 'org unit' : 'user'} in this workspace` }]);
}

/**
 * An administrator adds a user: account with a password (a random one when invited), profile,
 * roles and groups, all in one transaction with their audit rows. Returns the new user's id.
 */
export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUserInput): Promise<string> {
  requireAdmin(actor, 'create');
  const password = input.password ?? `${crypto.randomUUID()}${crypto.randomUUID()}`;
  return inTransaction(db, async (trx) => {
    if (input.orgUnitId) await requireLiveRow(trx, 'orgUnit', actor.workspaceId, input.orgUnitId, 'orgUnitId');
    if (input.managerId) await requireLiveRow(trx, 'users', actor.workspaceId, input.managerId, 'managerId');
    const id =
      input.login === false
        ? await createStaff(trx, actor, input)
        : await createUserWithPassword(
            trx,
            {
              workspaceId: actor.workspaceId,
              name: input.name,
              email: input.email ?? '',
              password,
              locale: input.locale,
              isAdmin: input.isAdmin,
              orgUnitId: input.orgUnitId ?? null,
            },
            actor.userId,
          );
    const profile = {
      managerId: input.managerId ?? null,
      position: input.position ?? null,
      phone: input.phone ?? null,
      birthday: input.birthday ?? null,
    };
    const given = Object.entries(profile).filter(([, value]) => value !== null);
    if (given.length) {
      await trx.updateTable('users').set(profile).where('id', '=', id).execute();
      await recordChange(trx, {
        workspaceId: actor.workspaceId,
        entity: 'user',
        recordId: id,
        action: 'updated',
        actorId: actor.userId,
        changes: Object.fromEntries(given.map(([field, value]) => [field, [null, value]])),
      });
    }
    if (input.roleIds.length) await setUserRolesIn(trx, actor, id, input.roleIds);
    if (input.groupIds.length) await setUserGroupsIn(trx, actor, id, input.groupIds);
    return id;
  });
}

/** A person in the directory without a login: no credentials, never an administrator. */
async function createStaff(trx: Trx, actor: Actor, input: NewUserInput): Promise<string> {
  const email = input.email ? input.email.trim().toLowerCase() : null;
  if (email && (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())) {
    throw new AppError('CONFLICT', 'A user with this e-mail already exists', { errors: [{ path: 'email', message: 'Already in use' }] });
  }
  if (input.isAdmin) throw validation([{ path: 'isAdmin', message: 'Staff without a login cannot be administrators' }]);
  const id = newId();
  await trx
    .insertInto('users')
    .values({
      id,
      workspaceId: actor.workspaceId,
      name: input.name.trim(),
      email,
      locale: input.locale,
      canSignIn: false,
      orgUnitId: input.orgUnitId ?? null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .execute();
  await recordChange(trx, {
    workspaceId: actor.workspaceId,
    entity: 'user',
    recordId: id,
    action: 'created',
    actorId: actor.userId,
    changes: { name: [null, input.name.trim()], email: [null, email], canSignIn: [null, false] },
  });
  return id;
}

/**
 * Deactivates (signs out everywhere, no more sign-in) or reactivates a user. The last active
 * administrator stays (422); `version` is checked when given (409 when stale).
 */
export function setUserActive(db: Kysely<DB>, actor: Actor, userId: string, active: boolean, version?: number) {
  requireAdmin(actor, 'update');
  return updateRecord(db, actor, userEntity, userId, { active }, version ?? 'current');
}

export interface ManagerResolution {
  managerId: string | null;
  /** 'manager' = the user's explicit manager; 'orgUnitHead' = head of their unit or of a unit above it. */
  source: 'manager' | 'orgUnitHead' | null;
}

/**
 * "My manager" (workflows, approvals): the user's explicit manager when active, else the head of
 * the user's org unit, else of the nearest unit above it that has one — never the user themself.
 */
export async function resolveManager(db: Kysely<DB>, actor: Actor, userId: string): Promise<ManagerResolution> {
  const user = await findRecord(db, actor, userEntity, userId);
  const activeUser = (id: string) =>
    db
      .selectFrom('users')
      .select('id')
      .where('id', '=', id)
      .where('workspaceId', '=', actor.workspaceId)
      .where('active', '=', true)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  const managerId = user.managerId as string | null;
  if (managerId && (await activeUser(managerId))) return { managerId, source: 'manager' };

  const unitId = user.orgUnitId as string | null;
  if (!unitId) return { managerId: null, source: null };
  const unit = await db
    .selectFrom('orgUnit')
    .select('path')
    .where('id', '=', unitId)
    .where('workspaceId', '=', actor.workspaceId)
    .executeTakeFirst();
  const chain = (unit?.path ?? '').split('/').filter(Boolean);
  if (chain.length === 0) return { managerId: null, source: null };
  const heads = await db
    .selectFrom('orgUnit as ou')
    .innerJoin('users as u', 'u.id', 'ou.headUserId')
    .select(['ou.id', 'ou.headUserId'])
    .where('ou.workspaceId', '=', actor.workspaceId)
    .where('ou.id', 'in', chain)
    .where('ou.deletedAt', 'is', null)
    .where('u.workspaceId', '=', actor.workspaceId)
    .where('u.active', '=', true)
    .where('u.deletedAt', 'is', null)
    .where('u.id', '<>', userId)
    .execute();
  const headOf = new Map(heads.map((h) => [h.id, h.headUserId]));
  // nearest unit first: the user's own unit, then its parent, up to the root
  for (const id of chain.reverse()) {
    const head = headOf.get(id);
    if (head) return { managerId: head, source: 'orgUnitHead' };
  }
  return { managerId: null, source: null };
}

/** Names (or clears) the head of an org unit; administrators only, audited on the org unit. */
export async function setOrgUnitHead(db: Kysely<DB>, actor: Actor, orgUnitId: string, userId: string | null) {
  requireAdmin(actor, 'update');
  return db.transaction().execute(async (trx) => {
    const unit = await trx
      .selectFrom('orgUnit')
      .select(['id', 'headUserId'])
      .where('id', '=', orgUnitId)
      .where('workspaceId', '=', actor.workspaceId)
      .where('deletedAt', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!unit) throw notFound('Org unit');
    if (userId) await requireLiveRow(trx, 'users', actor.workspaceId, userId, 'userId');
    if (unit.headUserId === userId) return { headUserId: userId };
    // the version moves too, so an org unit form open elsewhere learns that the unit changed
    await trx
      .updateTable('orgUnit')
      .set((eb) => ({ headUserId: userId, updatedAt: new Date(), updatedBy: actor.userId, version: eb('version', '+', 1) }))
      .where('id', '=', orgUnitId)
      .execute();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'orgUnit',
      recordId: orgUnitId,
      action: 'updated',
      actorId: actor.userId,
      changes: { headUserId: [unit.headUserId, userId] },
    });
    return { headUserId: userId };
  });
}

/**
 * The directory (list, get) is open to every member, but these fields only to administrators
 * (or an 'admin' read grant): personal data and custom fields an administrator may fill with anything.
 */
export const PRIVATE_USER_FIELDS = ['birthday', 'custom'] as const;

export const seesPrivateUserFields = (actor: Actor) => actor.isAdmin || can(actor, 'admin', 'read') === 'all';

/** Blanks the private fields of user rows in a directory response (one row or `{ data: [...] }`), except the reader's own. */
export function redactUserRows(payload: unknown, readerId: string): unknown {
  const redact = (row: unknown) => {
    if (!row || typeof row !== 'object' || (row as { id?: unknown }).id === readerId) return row;
    const out = { ...(row as Record<string, unknown>) };
    if ('birthday' in out) out.birthday = null;
    if ('custom' in out) out.custom = {};
    return out;
  };
  if (payload && typeof payload === 'object' && Array.isArray((payload as { data?: unknown }).data)) {
    return { ...payload, data: (payload as { data: unknown[] }).data.map(redact) };
  }
  return redact(payload);
}

const isPrivatePath = (path: unknown) =>
  typeof path === 'string' &&
  path
    .replace(/^-/, '')
    .split('.')
    .some((part) => (PRIVATE_USER_FIELDS as readonly string[]).includes(part));

function filterFields(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) filterFields(child, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'field' && typeof value === 'string') out.push(value);
      else filterFields(value, out);
    }
  }
  return out;
}

/**
 * Refuses (403) filtering or sorting the directory by a private field: a member must not find out a
 * colleague's birthday by narrowing a filter until one row is left.
 */
export function refusePrivateQuery(params: { filter?: unknown; sort?: unknown }): void {
  let filter = params.filter;
  if (typeof filter === 'string') {
    try {
      filter = JSON.parse(filter);
    } catch {
      return; // the engine answers 400 for malformed JSON
    }
  }
  const sorts = typeof params.sort === 'string' ? params.sort.split(',').map((s) => s.trim()) : [];
  const used = [...filterFields(filter), ...sorts].filter(isPrivatePath);
  if (used.length) throw forbidden(`Only administrators may filter or sort by ${used.join(', ')}`);
}
