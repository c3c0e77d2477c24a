import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.ts';
import { signIn } from '../test/auth.ts';
import { testDatabaseKind } from '../test/database.ts';
import { seedCommand, setupCommand, userAddCommand, workspaceAddCommand } from './account-commands.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`kontakt setup / user add (${testDatabaseKind})`, () => {
  it('sets up the first workspace, adds a user who can sign in, and refuses a second setup', async () => {
    const out = await setupCommand(t.ctx, ['--workspace', 'Kovács Kft.', '--email', 'anna@example.hu', '--password', 'jelszó-hosszú', '--locale', 'hu']);
    expect(out).toContain('kovacs-kft');
    await expect(setupCommand(t.ctx, ['--workspace', 'Other', '--email', 'b@example.com', '--password', 'password123'])).rejects.toThrow(/already set up/);
    const added = await userAddCommand(t.ctx, ['--workspace', 'kovacs-kft', '--email', 'bela@example.hu', '--password', 'másik-jelszó', '--name', 'Béla Nagy']);
    expect(added).toContain('bela@example.hu');
    const cookie = await signIn(t, 'bela@example.hu', 'másik-jelszó');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ name: 'Béla Nagy', isAdmin: false });
    expect(me.json().workspace.slug).toBe('kovacs-kft');
  });

  it('explains missing options, unknown workspaces and bad locales', async () => {
    await expect(userAddCommand(t.ctx, ['--workspace', 'kovacs-kft', '--email', 'x@example.com'])).rejects.toThrow(/--password, --name/);
    await expect(
      userAddCommand(t.ctx, ['--workspace', 'nope', '--email', 'x@example.com', '--password', 'password123', '--name', 'X']),
    ).rejects.toThrow(/no workspace/);
    await expect(
      userAddCommand(t.ctx, ['--workspace', 'kovacs-kft', '--email', 'x@example.com', '--password', 'password123', '--name', 'X', '--locale', 'de']),
    ).rejects.toThrow(/--locale/);
  });

  it('adds another company whose administrator sees only their own workspace', async () => {
    const out = await workspaceAddCommand(t.ctx, ['--name', 'Шевченко ТОВ', '--email', 'olena@shevchenko.ua', '--password', 'дуже-добрий-пароль', '--locale', 'uk']);
    expect(out).toContain('created');
    const cookie = await signIn(t, 'olena@shevchenko.ua', 'дуже-добрий-пароль');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().workspace).toMatchObject({ name: 'Шевченко ТОВ', currency: 'UAH' });
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie } });
    expect(users.json().data.map((u: { email: string }) => u.email)).toEqual(['olena@shevchenko.ua']);
    await expect(workspaceAddCommand(t.ctx, ['--name', 'Dup', '--email', 'olena@shevchenko.ua', '--password', 'password123'])).rejects.toThrow(/already exists/);
  });

  it('seeds demo data into a named workspace once, and asks which when there are several', async () => {
    await expect(seedCommand(t.ctx, ['--demo'])).rejects.toThrow(/several workspaces: name one with --workspace/);
    await expect(seedCommand(t.ctx, ['--workspace', 'kovacs-kft'])).rejects.toThrow(/usage: kontakt seed --demo/);
    const out = await seedCommand(t.ctx, ['--demo', '--workspace', 'kovacs-kft']);
    expect(out).toMatch(/^demo data in "kovacs-kft": 120 partners, \d+ contacts, 8 colleagues \(password kontakt-demo-2026\)/);
    expect(await seedCommand(t.ctx, ['--demo', '--workspace', 'kovacs-kft'])).toBe('workspace "kovacs-kft" already has its demo data');
    // the workspace's language names what the demo adds
    const units = await t.ctx.db.selectFrom('orgUnit').innerJoin('workspace', 'workspace.id', 'orgUnit.workspaceId').select('orgUnit.name').where('workspace.slug', '=', 'kovacs-kft').execute();
    expect(units.map((u) => u.name)).toContain('Értékesítés Magyarország');
  });
});
