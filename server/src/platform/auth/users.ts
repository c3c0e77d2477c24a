import type { Db } from '../../db/database.ts';
import { recordChange, type Trx } from '../audit/record-change.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { hashPassword } from './password.ts';

export interface NewUser {
  workspaceId: string;
  name: string;
  email: string;
  password: string;
  locale?: string;
  isAdmin?: boolean;
  orgUnitId?: string | null;
  roleIds?: string[];
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates a user who signs in with e-mail and password (better-auth's credential account), with
 * the audit row and event, inside the caller's transaction.
 */
export async function createUserWithPassword(trx: Trx, input: NewUser, actorId: string | null = null): Promise<string> {
  if (input.password.length < 8) {
    throw new AppError('VALIDATION', 'The password is too short', {
      errors: [{ path: 'password', message: 'At least 8 characters' }],
    });
  }
  const email = normalizeEmail(input.email);
  const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) {
    throw new AppError('CONFLICT', 'A user with this e-mail already exists', {
      errors: [{ path: 'email', message: 'Already in use' }],
    });
  }
  const id = newId();
  await trx
    .insertInto('users')
    .values({
      id,
      workspaceId: input.workspaceId,
      name: input.name.trim(),
      email,
      emailVerified: false,
      locale: input.locale ?? 'en',
      isAdmin: input.isAdmin ?? false,
      orgUnitId: input.orgUnitId ?? null,
      createdBy: actorId,
      updatedBy: actorId,
    })
    .execute();
  await trx
    .insertInto('account')
    .values({ id: newId(), userId: id, accountId: id, providerId: 'credential', password: await hashPassword(input.password) })
    .execute();
  if (input.roleIds?.length) {
    await trx
      .insertInto('userRole')
      .values(input.roleIds.map((roleId) => ({ workspaceId: input.workspaceId, userId: id, roleId })))
      .execute();
  }
  await recordChange(trx, {
    workspaceId: input.workspaceId,
    entity: 'user',
    recordId: id,
    action: 'created',
    actorId,
    changes: { name: [null, input.name], email: [null, email], isAdmin: [null, input.isAdmin ?? false] },
  });
  return id;
}

/** Replaces a user's password (CLI, administrators); all the user's sessions end. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set({ password: hash, updatedAt: new Date() })
      .where('userId', '=', userId).where('providerId', '=', 'credential').execute();
    await trx.deleteFrom('session').where('userId', '=', userId).execute();
  });
}
