import type { Grants } from '../platform/access/actor.ts';
import { createUserWithPassword } from '../platform/auth/users.ts';
import { createWorkspace } from '../platform/auth/workspace-setup.ts';
import { newId } from '../platform/ids.ts';
import type { TestApp } from './app.ts';

export interface SignedIn {
  cookie: string;
  userId: string;
  workspaceId: string;
  email: string;
  password: string;
  /** Headers for app.inject(): the session cookie. */
  headers: { cookie: string };
}

let counter = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${newId().slice(-6)}@example.com`;

/** Signs in over HTTP and returns the session cookie ("name=value"). */
export async function signIn(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed (${res.statusCode}): ${res.body}`);
  const raw = res.headers['set-cookie'];
  const cookies = (Array.isArray(raw) ? raw : [raw ?? '']).map((c) => c.split(';')[0]!).filter(Boolean);
  return cookies.join('; ');
}

/** A new workspace with its administrator, signed in. */
export async function setupWorkspace(
  t: TestApp,
  options: { workspaceName?: string; locale?: string } = {},
): Promise<SignedIn> {
  const email = uniqueEmail('admin');
  const password = 'correct horse battery';
  const { workspaceId, userId } = await createWorkspace(t.ctx.db, {
    workspaceName: options.workspaceName ?? `Workspace ${counter}`,
    name: 'Ada Admin',
    email,
    password,
    locale: options.locale ?? 'en',
  });
  const cookie = await signIn(t, email, password);
  return { cookie, userId, workspaceId, email, password, headers: { cookie } };
}

/** A user of a workspace with a role granting exactly `grants` (and optional org unit), signed in. */
export async function addUser(
  t: TestApp,
  workspaceId: string,
  options: { grants?: Grants; isAdmin?: boolean; orgUnitId?: string | null; name?: string } = {},
): Promise<SignedIn> {
  const email = uniqueEmail('user');
  const password = 'another good password';
  const userId = await t.ctx.db.transaction().execute(async (trx) => {
    let roleIds: string[] = [];
    if (options.grants) {
      const roleId = newId();
      await trx
        .insertInto('role')
        .values({ id: roleId, workspaceId, name: `role-${roleId.slice(-6)}`, grants: JSON.stringify(options.grants) })
        .execute();
      roleIds = [roleId];
    }
    return createUserWithPassword(trx, {
      workspaceId,
      name: options.name ?? 'Test User',
      email,
      password,
      isAdmin: options.isAdmin ?? false,
      orgUnitId: options.orgUnitId ?? null,
      roleIds,
    });
  });
  const cookie = await signIn(t, email, password);
  return { cookie, userId, workspaceId, email, password, headers: { cookie } };
}
