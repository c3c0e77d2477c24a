import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadActor } from '../access/load-actor.ts';
import { AppError } from '../errors.ts';
import { foreignOriginError, requestSource, requireOwnOrigin } from '../http/own-origin.ts';
import { problem, sendProblem } from '../http/problem.ts';
import { actorFromApiKey, revokeUserApiKeys } from './api-keys.ts';
import { type Auth, createAuth } from './better-auth.ts';
import { AttemptLimiter, type Limit, SignInGuard } from './sign-in-limiter.ts';

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
}

/**
 * A Fastify request as the Web Request better-auth's handler takes. `base` is the origin the request is
 * addressed to: the browser's own origin once requireOwnOrigin accepted it (better-auth trusts exactly
 * that one, see trustedOrigins in better-auth.ts), else PUBLIC_URL.
 */
export function toWebRequest(request: FastifyRequest, base: string, body: unknown = request.body): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && body !== undefined;
  return new Request(new URL(request.url, base), {
    method: request.method,
    headers,
    body: hasBody ? JSON.stringify(body) : undefined,
  });
}

// better-auth's own origin refusals ("Invalid origin") say nothing a person can act on
const ORIGIN_CODES = new Set(['INVALID_ORIGIN', 'MISSING_OR_NULL_ORIGIN', 'CROSS_SITE_NAVIGATION_LOGIN_BLOCKED']);

/** Copies a Web Response onto the reply; errors become problem+json like the rest of the API. */
export async function sendWebResponse(
  reply: FastifyReply,
  response: Response,
  options: { fixedOrigin?: string | undefined; origin?: string | undefined } = {},
): Promise<FastifyReply> {
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && key !== 'content-length' && key !== 'content-encoding') reply.header(key, value);
  });
  const text = await response.text();
  if (response.status >= 400) {
    let detail = response.statusText || 'Request failed';
    let code: string | undefined;
    try {
      const body = JSON.parse(text) as { message?: string; code?: string };
      detail = body.message ?? detail;
      code = body.code;
    } catch {
      // not JSON: keep the status text
    }
    if (code && ORIGIN_CODES.has(code)) {
      const refusal = foreignOriginError(options.origin, options.fixedOrigin);
      return sendProblem(reply, problem(403, refusal.message, { code: 'FOREIGN_ORIGIN', ...refusal.details }));
    }
    return sendProblem(reply, problem(response.status, detail, code ? { code } : {}));
  }
  return reply.code(response.status).send(text.length ? withoutSessionToken(text) : undefined);
}

// The session lives in the httpOnly cookie; its token must not also be readable by scripts.
function withoutSessionToken(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && 'token' in body) {
      const { token: _omit, ...rest } = body as Record<string, unknown>;
      return JSON.stringify(rest);
    }
  } catch {
    // not JSON
  }
  return text;
}

const WINDOW_MS = 15 * 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const bodyEmail = (request: FastifyRequest) => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

/** Password-reset requests: 3 per e-mail and 30 per address, so nobody's mailbox can be flooded. */
const resetLimits = (request: FastifyRequest): Limit[] => [
  { key: bodyEmail(request), max: 3 },
  { key: `ip|${request.ip}`, max: 30 },
];

/**
 * A password change or reset ends every other way in of the user, whatever the client asked: other
 * sessions (revokeOtherSessions is forced on; a reset already ends all) and API keys. Returns the body
 * to pass on and, for a reset, the user its token belongs to (read before better-auth consumes it).
 */
async function passwordChange(app: FastifyInstance, path: string | undefined, body: unknown) {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (path === '/api/auth/change-password') return { body: { ...fields, revokeOtherSessions: true }, userId: null };
  if (path !== '/api/auth/reset-password') return null;
  const token = typeof fields.token === 'string' ? fields.token : '';
  const row = token
    ? await app.ctx.db.selectFrom('verification').select('value').where('identifier', '=', `reset-password:${token}`).executeTakeFirst()
    : undefined;
  return { body, userId: row?.value ?? null };
}

async function userOfResponse(response: Response): Promise<string | null> {
  try {
    const body = (await response.clone().json()) as { user?: { id?: unknown } };
    return typeof body.user?.id === 'string' ? body.user.id : null;
  } catch {
    return null;
  }
}

/**
 * Mounts better-auth under /api/auth/* and resolves request.actor for every other request from
 * a Bearer API key or the session cookie.
 */
export async function authPlugin(app: FastifyInstance): Promise<void> {
  const auth = createAuth(app.ctx);
  app.decorate('auth', auth);
  const signIns = new SignInGuard(app.ctx.db);
  const resets = new AttemptLimiter(app.ctx.db, 'password-reset', WINDOW_MS);

  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = request.url.split('?')[0];
      const { fixedOrigin, publicUrl } = app.ctx.config;
      const source = requestSource(request, fixedOrigin);
      if (request.method !== 'GET' && !source.own) throw foreignOriginError(source.origin, fixedOrigin);
      const isSignIn = request.method === 'POST' && path === '/api/auth/sign-in/email';
      const isReset = request.method === 'POST' && path === '/api/auth/request-password-reset';
      const email = bodyEmail(request);
      const taken = isSignIn ? await signIns.admit(email, request.ip) : isReset ? await resets.take(resetLimits(request)) : null;
      if (taken && taken.wait > 0) {
        reply.header('retry-after', String(taken.wait));
        throw new AppError('RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(taken.wait / 60)} minutes`);
      }
      const base = source.origin && /^https?:\/\//.test(source.origin) ? source.origin : publicUrl;
      const password = request.method === 'POST' ? await passwordChange(app, path, request.body) : null;
      const response = await auth.handler(toWebRequest(request, base, password ? password.body : request.body));
      if (password && response.ok) {
        const userId = password.userId ?? (await userOfResponse(response));
        if (userId) await revokeUserApiKeys(app.ctx.db, userId);
      }
      if (isSignIn && taken) {
        const outcome = response.status === 401 ? 'failed' : response.ok ? 'succeeded' : 'neither';
        await signIns.settle(email, request.ip, taken.ids, outcome);
      } else if (isReset && taken && response.status === 400) await resets.release(taken.ids);
      return sendWebResponse(reply, response, { fixedOrigin, origin: source.origin });
    },
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await actorFromApiKey(app.ctx.db, authorization.slice(7).trim());
      if (!request.actor) throw new AppError('UNAUTHENTICATED', 'The API key is unknown, revoked or expired');
      return;
    }
    // A browser sends the session cookie with a form or fetch from any page, including another port
    // of the same host (SameSite does not separate those): writes must come from the app's own pages.
    if (!SAFE_METHODS.has(request.method)) requireOwnOrigin(request, app.ctx.config.fixedOrigin);
    if (!request.headers.cookie) return;
    const session = await auth.api.getSession({ headers: toWebRequest(request, app.ctx.config.publicUrl).headers });
    if (session) request.actor = await loadActor(app.ctx.db, session.user.id, 'session');
  });
}
