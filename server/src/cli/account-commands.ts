import { parseArgs } from 'node:util';
import type { AppContext } from '../platform/context.ts';
import { createUserWithPassword } from '../platform/auth/users.ts';
import { createWorkspace, runFirstSetup } from '../platform/auth/workspace-setup.ts';
import { AppError } from '../platform/errors.ts';

const LOCALES = new Set(['en', 'ro', 'pl', 'hu', 'uk']);

function required(values: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || !(values[n] as string).trim());
  if (missing.length) throw new AppError('VALIDATION', `missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

/** `kontakt setup --workspace … --email … --password … [--name …] [--locale ro]` */
export async function setupCommand(ctx: AppContext, args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string', default: 'en' },
    },
    strict: true,
  });
  required(values, ['workspace', 'email', 'password']);
  if (!LOCALES.has(values.locale!)) throw new AppError('VALIDATION', `--locale must be one of ${[...LOCALES].join(', ')}`);
  const result = await runFirstSetup(ctx.db, {
    workspaceName: values.workspace!,
    name: values.name ?? values.email!.split('@')[0]!,
    email: values.email!,
    password: values.password!,
    locale: values.locale,
  });
  return `workspace "${values.workspace}" (${result.slug}) created with administrator ${values.email}`;
}

/** `kontakt user add --workspace <slug> --email … --password … --name … [--admin] [--locale ro]` */
export async function userAddCommand(ctx: AppContext, args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      locale: { type: 'string', default: 'en' },
    },
    strict: true,
  });
  required(values, ['workspace', 'email', 'password', 'name']);
  if (!LOCALES.has(values.locale!)) throw new AppError('VALIDATION', `--locale must be one of ${[...LOCALES].join(', ')}`);
  const workspace = await ctx.db.selectFrom('workspace').select('id').where('slug', '=', values.workspace!).executeTakeFirst();
  if (!workspace) throw new AppError('NOT_FOUND', `no workspace with the slug "${values.workspace}"`);
  const adminRole = values.admin
    ? await ctx.db
        .selectFrom('role')
        .select('id')
        .where('workspaceId', '=', workspace.id)
        .where('name', '=', 'Administrator')
        .where('deletedAt', 'is', null)
        .executeTakeFirst()
    : undefined;
  const root = await ctx.db
    .selectFrom('orgUnit')
    .select('id')
    .where('workspaceId', '=', workspace.id)
    .where('parentId', 'is', null)
    .orderBy('createdAt')
    .executeTakeFirst();
  await ctx.db.transaction().execute((trx) =>
    createUserWithPassword(trx, {
      workspaceId: workspace.id,
      name: values.name!,
      email: values.email!,
      password: values.password!,
      locale: values.locale,
      isAdmin: values.admin,
      orgUnitId: root?.id ?? null,
      roleIds: adminRole ? [adminRole.id] : [],
    }),
  );
  return `user ${values.email} added to ${values.workspace}${values.admin ? ' as administrator' : ''}`;
}

/** `kontakt workspace add --name … --email … --password … [--admin-name …] [--locale ro]`: another company on this server. */
export async function workspaceAddCommand(ctx: AppContext, args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'admin-name': { type: 'string' },
      locale: { type: 'string', default: 'en' },
    },
    strict: true,
  });
  required(values, ['name', 'email', 'password']);
  if (!LOCALES.has(values.locale!)) throw new AppError('VALIDATION', `--locale must be one of ${[...LOCALES].join(', ')}`);
  const result = await createWorkspace(ctx.db, {
    workspaceName: values.name!,
    name: values['admin-name'] ?? values.email!.split('@')[0]!,
    email: values.email!,
    password: values.password!,
    locale: values.locale,
  });
  return `workspace "${values.name}" (${result.slug}) created with administrator ${values.email}`;
}
