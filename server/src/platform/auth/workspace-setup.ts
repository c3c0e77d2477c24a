import type { Db } from '../../db/database.ts';
import { recordChange } from '../audit/record-change.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { createUserWithPassword } from './users.ts';

export interface WorkspaceSetup {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
  locale?: string;
  currency?: string;
}

const LOCALE_CURRENCY: Record<string, string> = { ro: 'RON', pl: 'PLN', hu: 'HUF', uk: 'UAH', en: 'EUR' };

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

/**
 * A new company: workspace, its root org unit, an Administrator role with every grant, and the
 * first administrator — all in one transaction.
 */
export async function createWorkspace(db: Db, input: WorkspaceSetup): Promise<{ workspaceId: string; userId: string; slug: string }> {
  return db.transaction().execute(async (trx) => {
    const workspaceId = newId();
    let slug = slugify(input.workspaceName);
    const clash = await trx.selectFrom('workspace').select('id').where('slug', '=', slug).executeTakeFirst();
    if (clash) slug = `${slug}-${workspaceId.slice(-6)}`;
    const locale = input.locale ?? 'en';
    await trx
      .insertInto('workspace')
      .values({ id: workspaceId, name: input.workspaceName.trim(), slug, locale, currency: input.currency ?? LOCALE_CURRENCY[locale] ?? 'EUR' })
      .execute();
    const rootUnit = newId();
    await trx
      .insertInto('orgUnit')
      .values({ id: rootUnit, workspaceId, name: input.workspaceName.trim(), path: `/${rootUnit}/` })
      .execute();
    const adminRole = newId();
    const all = { read: 'all', create: 'all', update: 'all', delete: 'all', export: 'all', import: 'all' };
    await trx
      .insertInto('role')
      .values({ id: adminRole, workspaceId, name: 'Administrator', description: 'Everything', grants: JSON.stringify({ '*': all }) })
      .execute();
    const userId = await createUserWithPassword(trx, {
      workspaceId,
      name: input.name,
      email: input.email,
      password: input.password,
      locale,
      isAdmin: true,
      orgUnitId: rootUnit,
      roleIds: [adminRole],
    });
    await recordChange(trx, { workspaceId, entity: 'workspace', recordId: workspaceId, action: 'created', actorId: userId });
    return { workspaceId, userId, slug };
  });
}

/** First-run setup is open only while no workspace exists. */
export async function setupNeeded(db: Db): Promise<boolean> {
  const any = await db.selectFrom('workspace').select('id').limit(1).executeTakeFirst();
  return !any;
}

export async function runFirstSetup(db: Db, input: WorkspaceSetup) {
  if (!(await setupNeeded(db))) throw new AppError('CONFLICT', 'Kontakt CRM is already set up; sign in instead');
  return createWorkspace(db, input);
}
