import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { loadActor } from '../access/load-actor.ts';
import { recordChange } from '../audit/record-change.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewApiKey {
  name: string;
  /** The user the key acts as (administrators only, e.g. a service user); the creator by default. */
  userId?: string;
  roleId?: string | null;
  expiresAt?: string | null;
}

/** Creates a key acting as the actor (or, for administrators, another active user of the workspace); the full secret is returned once and only its hash is kept. */
export async function createApiKey(db: Db, actor: Actor, input: NewApiKey) {
  const userId = input.userId ?? actor.userId;
  if (userId !== actor.userId) {
    if (!actor.isAdmin) throw forbidden('Only administrators create keys for other users');
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('workspaceId', '=', actor.workspaceId)
      .where('active', '=', true)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!user) throw new AppError('VALIDATION', 'Unknown user', { errors: [{ path: 'userId', message: 'Unknown or inactive user' }] });
  }
  if (input.roleId) {
    const role = await db
      .selectFrom('role')
      .select('id')
      .where('id', '=', input.roleId)
      .where('workspaceId', '=', actor.workspaceId)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!role) throw new AppError('VALIDATION', 'Unknown role', { errors: [{ path: 'roleId', message: 'Unknown role' }] });
  }
  if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) {
    throw new AppError('VALIDATION', 'The expiry must be in the future', {
      errors: [{ path: 'expiresAt', message: 'Must be in the future' }],
    });
  }
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const id = newId();
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('apiKey')
      .values({
        id,
        workspaceId: actor.workspaceId,
        userId,
        name: input.name,
        prefix,
        hash: sha256(secret),
        roleId: input.roleId ?? null,
        expiresAt: input.expiresAt ?? null,
        createdBy: actor.userId,
      })
      .returning(['id', 'name', 'prefix', 'roleId', 'expiresAt', 'createdAt', 'lastUsedAt', 'revokedAt', 'userId'])
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      workspaceId: actor.workspaceId,
      entity: 'apiKey',
      recordId: id,
      action: 'created',
      actorId: actor.userId,
      changes: { name: [null, input.name], userId: [null, userId], roleId: [null, input.roleId ?? null] },
    });
    return inserted;
  });
  return { ...row, key: `kk_${prefix}_${secret}` };
}

/** Keys the actor may see: their own; administrators see every key of the workspace. */
export function listApiKeys(db: Db, actor: Actor) {
  return db
    .selectFrom('apiKey')
    .select(['id', 'name', 'prefix', 'roleId', 'expiresAt', 'createdAt', 'lastUsedAt', 'revokedAt', 'userId'])
    .where('workspaceId', '=', actor.workspaceId)
    .$if(!actor.isAdmin, (qb) => qb.where('userId', '=', actor.userId))
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom('apiKey')
      .select(['id', 'userId', 'revokedAt'])
      .where('id', '=', id)
      .where('workspaceId', '=', actor.workspaceId)
      .$if(!actor.isAdmin, (qb) => qb.where('userId', '=', actor.userId))
      .executeTakeFirst();
    if (!key) throw notFound('API key');
    if (key.revokedAt) return;
    await trx.updateTable('apiKey').set({ revokedAt: new Date() }).where('id', '=', id).execute();
    await recordChange(trx, { workspaceId: actor.workspaceId, entity: 'apiKey', recordId: id, action: 'revoked', actorId: actor.userId });
  });
}

/**
 * Revokes every live key acting as the user (after a password change or reset: whoever knew the old
 * password may have made one). Returns how many were revoked.
 */
export async function revokeUserApiKeys(db: Db, userId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('apiKey')
      .set({ revokedAt: new Date() })
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .returning(['id', 'workspaceId'])
      .execute();
    for (const key of revoked) {
      await recordChange(trx, {
        workspaceId: key.workspaceId,
        entity: 'apiKey',
        recordId: key.id,
        action: 'revoked',
        actorId: userId,
        changes: { reason: [null, 'password changed'] },
      });
    }
    return revoked.length;
  });
}

const KEY_FORMAT = /^kk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,64})$/;

/** The actor behind a Bearer key, or null when the key is unknown, wrong, revoked or expired. */
export async function actorFromApiKey(db: Db, token: string): Promise<Actor | null> {
  const match = KEY_FORMAT.exec(token);
  if (!match) return null;
  const [, prefix, secret] = match as unknown as [string, string, string];
  const key = await db
    .selectFrom('apiKey')
    .select(['id', 'userId', 'hash', 'roleId', 'revokedAt', 'expiresAt', 'lastUsedAt'])
    .where('prefix', '=', prefix)
    .executeTakeFirst();
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
  const expected = Buffer.from(key.hash, 'hex');
  const given = Buffer.from(sha256(secret), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.updateTable('apiKey').set({ lastUsedAt: new Date() }).where('id', '=', key.id).execute();
  }
  return loadActor(db, key.userId, 'apiKey', { limitToRoleId: key.roleId });
}
