import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import type { AppContext } from '../context.ts';
import { newId } from '../ids.ts';
import { resetPasswordMail } from './mails.ts';
import { hashPassword, verifyPassword } from './password.ts';

export const SESSION_COOKIE_PREFIX = 'kontakt';

/**
 * better-auth over our Kysely instance: its user/session/account/verification models are our
 * users/session/account/verification tables (snake_case through the CamelCasePlugin). Sign-up through
 * better-auth is off: users are created by the setup flow and administrators (they need a workspace).
 */
export function createAuth(ctx: AppContext) {
  const secure = ctx.config.publicUrl.startsWith('https://');
  return betterAuth({
    appName: 'Kontakt CRM',
    baseURL: ctx.config.publicUrl,
    basePath: '/api/auth',
    secret: ctx.config.secret,
    // The Web Request our handler builds is addressed to the origin it already accepted as the app's
    // own (requireOwnOrigin: PUBLIC_URL, or without it the address the request reached), so that
    // origin is the one better-auth trusts for it; no list to keep in step with how people reach us.
    trustedOrigins: async (request?: Request) => (request ? [new URL(request.url).origin] : []),
    database: { db: ctx.db, type: 'postgres' },
    user: {
      modelName: 'users',
      // Set by our own user creation; never taken from a client.
      additionalFields: { workspaceId: { type: 'string', required: true, input: false } },
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
      sendResetPassword: async ({ user, token }) => {
        const row = await ctx.db
          .selectFrom('users')
          .select(['workspaceId', 'locale', 'name', 'canSignIn'])
          .where('id', '=', user.id)
          .executeTakeFirst();
        // staff without a login get no link to make one
        if (row && !row.canSignIn) return;
        const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
        const mail = resetPasswordMail(row?.locale ?? 'en', row?.name ?? user.name, link);
        await ctx.mailer.send({ workspaceId: row?.workspaceId ?? null, to: user.email, ...mail });
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    databaseHooks: {
      session: {
        create: {
          // A deactivated or deleted user keeps a valid password but gets no session.
          before: async (session) => {
            const user = await ctx.db
              .selectFrom('users')
              .select(['active', 'deletedAt'])
              .where('id', '=', session.userId)
              .executeTakeFirst();
            if (!user?.active || user.deletedAt) {
              throw APIError.from('FORBIDDEN', { message: 'This account is deactivated', code: 'ACCOUNT_DEACTIVATED' });
            }
          },
        },
      },
    },
    // Our own limiter counts failed sign-ins per e-mail and address (auth.routes.ts).
    rateLimit: { enabled: false },
    advanced: {
      // better-auth skips its origin checks when NODE_ENV=test; the tests must see what production does
      disableOriginCheck: false,
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      database: { generateId: () => newId() },
    },
    telemetry: { enabled: false },
    // wrong passwords are expected in tests; in production they are worth a warning
    logger: { level: process.env.NODE_ENV === 'test' ? 'error' : 'warn' },
  });
}

export type Auth = ReturnType<typeof createAuth>;
