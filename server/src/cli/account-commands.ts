import { parseArgs } from 'node:util';
import type { AppContext } from '../platform/context.ts';
import { createUserWithPassword } from '../platform/auth/users.ts';
import { createWorkspace, runFirstSetup } from '../platform/auth/workspace-setup.ts';
import { DEMO_PASSWORD, seedDemo } from '../modules/demo/seed.ts';
import { AppError } from '../platform/errors.ts';

const LOCALES = new Set(['en', 'ro', 'pl', 'hu', 'uk']);

/** Parses `--name value` options (all strings, plus the given flags), checks the required ones and --locale. */
function parseOptions(args: string[], strings: string[], requiredNames: string[], flags: string[] = []) {
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = { locale: { type: 'string', default: 'en' } };
  for (const name of strings) options[name] = { type: 'string' };
  for (const name of flags) options[name] = { type: 'boolean', default: false };
  const { values } = parseArgs({ args, options, strict: true });
  required(values, requiredNames);
  if (!LOCALES.has(String(values.locale))) throw new AppError('VALIDATION', `--locale must be one of ${[...LOCALES].join(', ')}`);
  const texts: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string') texts[key] = value;
  return Object.assign(texts, { locale: String(values.locale), flag: (name: string) => values[name] === true });
}

function required(values: Record<string, unknown>, names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || !(values[n] as string).trim());
  if (missing.length) throw new AppError('VALIDATION', `missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

/** `kontakt setup --workspace … --email … --password … [--name …] [--locale ro]` */
export async function setupCommand(ctx: AppContext, args: string[]): Promise<string> {
  const values = parseOptions(args, ['workspace', 'email', 'password', 'name'], ['workspace', 'email', 'password']);
  const result = await runFirstSetup(ctx.db, {
    workspaceName: values.workspace!,
    name: values.name ?? values.email!.split('@')[0]!,
    email: values.email!,
    password: values.password!,
    locale: values.locale,
  });
  return `workspace "${values.workspace}" (${result.slug}) created with administrator ${values.email}`;
}

/** `kontakt seed --demo [--workspace <slug>]`: demo data for a workspace (the only one when not named). */
export async function seedCommand(ctx: AppContext, args: string[]): Promise<string> {
  const values = parseOptions(args, ['workspace'], [], ['demo']);
  if (!values.flag('demo')) throw new AppError('VALIDATION', 'usage: kontakt seed --demo [--workspace SLUG]');
  const workspaces = await ctx.db.selectFrom('workspace').select(['id', 'slug']).$if(Boolean(values.workspace), (q) => q.where('slug', '=', values.workspace!)).execute();
  if (workspaces.length === 0) throw new AppError('NOT_FOUND', values.workspace ? `no workspace with the slug "${values.workspace}"` : 'no workspace yet: run kontakt setup first');
  if (workspaces.length > 1) throw new AppError('VALIDATION', `several workspaces: name one with --workspace (${workspaces.map((w) => w.slug).join(', ')})`);
  const workspace = workspaces[0]!;
  const admin = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('workspaceId', '=', workspace.id)
    .where('isAdmin', '=', true)
    .where('active', '=', true)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .executeTakeFirst();
  if (!admin) throw new AppError('RULE', `workspace "${workspace.slug}" has no active administrator`);
  const result = await seedDemo(ctx.db, workspace.id, admin.id);
  if (result.skipped) return `workspace "${workspace.slug}" already has its demo data`;
  const c = result.counts!;
  return `demo data in "${workspace.slug}": ${c.partners} partners, ${c.contacts} contacts, ${c.users} colleagues (password ${DEMO_PASSWORD}), ${c.orgUnits} org units, ${c.resources} resources, ${c.reservations} bookings, ${c.products} products, ${c.opportunities} opportunities, ${c.offers} offers, ${c.orders} orders, ${c.contracts} contracts, ${c.events} events, ${c.tasks} tasks`;
}

/** `kontakt user add --workspace <slug> --email … --password … --name … [--admin] [--locale ro]` */
export async function userAddCommand(ctx: AppContext, args: string[]): Promise<string> {
  const values = parseOptions(args, ['workspace', 'email', 'password', 'name'], ['workspace', 'email', 'password', 'name'], ['admin']);
  const workspace = await ctx.db.selectFrom('workspace').select('id').where('slug', '=', values.workspace!).executeTakeFirst();
  if (!workspace) throw new AppError('NOT_FOUND', `no workspace with the slug "${values.workspace}"`);
  const adminRole = values.flag('admin')
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
      isAdmin: values.flag('admin'),
      orgUnitId: root?.id ?? null,
      roleIds: adminRole ? [adminRole.id] : [],
    }),
  );
  return `user ${values.email} added to ${values.workspace}${values.flag('admin') ? ' as administrator' : ''}`;
}

/** `kontakt workspace add --name … --email … --password … [--admin-name …] [--locale ro]`: another company on this server. */
export async function workspaceAddCommand(ctx: AppContext, args: string[]): Promise<string> {
  const values = parseOptions(args, ['name', 'email', 'password', 'admin-name'], ['name', 'email', 'password']);
  const result = await createWorkspace(ctx.db, {
    workspaceName: values.name!,
    name: values['admin-name'] ?? values.email!.split('@')[0]!,
    email: values.email!,
    password: values.password!,
    locale: values.locale,
  });
  return `workspace "${values.name}" (${result.slug}) created with administrator ${values.email}`;
}
