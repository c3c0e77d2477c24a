import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** What the origin check needs of a request (a Fastify request fits; host and protocol honour TRUST_PROXY). */
export interface OriginRequest {
  headers: Record<string, string | string[] | undefined>;
  host: string;
  protocol: string;
}

const header = (request: OriginRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Whether a browser origin ("https://crm.example.ro") is the app's own: PUBLIC_URL's origin when it is
 * configured; otherwise the address the request reached (same origin: the origin's host is the request's
 * Host), so http://127.0.0.1:PORT and the server's LAN address both work. An http page is never taken
 * for the own origin of a request that came over https.
 */
export function isOwnOrigin(origin: string, request: Pick<OriginRequest, 'host' | 'protocol'>, fixedOrigin: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (fixedOrigin) return url.origin === fixedOrigin;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  let reached: string;
  try {
    // normalises case and default ports the way URL does for the origin ("crm.lan:80" = "crm.lan")
    reached = new URL(`${url.protocol}//${request.host}`).host;
  } catch {
    return false;
  }
  if (!request.host || url.host !== reached) return false;
  return url.protocol === 'https:' || request.protocol !== 'https';
}

/**
 * Where a browser says this request comes from, judged against the app's own origin. `origin` is what
 * the browser named (Origin, else Referer's origin), for messages. Requests without any of Origin,
 * Sec-Fetch-Site or Referer are not from a browser page (curl, integrations) and count as own.
 */
export function requestSource(request: OriginRequest, fixedOrigin: string | undefined): { own: boolean; origin: string | undefined } {
  const origin = header(request, 'origin');
  if (origin && origin !== 'null') return { own: isOwnOrigin(origin, request, fixedOrigin), origin };
  const site = header(request, 'sec-fetch-site');
  if (site) return { own: site === 'same-origin' || site === 'none', origin: origin ?? site };
  // "null": a sandboxed frame, a file, a redirect across sites — never the app's own page
  if (origin === 'null') return { own: false, origin };
  const referer = header(request, 'referer');
  if (referer) {
    let refererOrigin: string;
    try {
      refererOrigin = new URL(referer).origin;
    } catch {
      return { own: false, origin: referer };
    }
    return { own: isOwnOrigin(refererOrigin, request, fixedOrigin), origin: refererOrigin };
  }
  return { own: true, origin: undefined };
}

/** The refusal of a request a browser sent from another site or address, in words a person understands. */
export function foreignOriginError(origin: string | undefined, fixedOrigin: string | undefined): AppError {
  const from = origin && /^https?:\/\//.test(origin) ? ` (${origin})` : '';
  const expected = fixedOrigin
    ? `This CRM accepts it only from its own address, ${fixedOrigin}. Open the CRM at that address and try again; if people reach it at another address, an administrator sets PUBLIC_URL to it.`
    : 'This CRM accepts it only from a page of the CRM itself. Open the CRM at its own address and try again.';
  return new AppError('FORBIDDEN', `The request came from another site or address${from}. ${expected}`, {
    // expectedOrigin lets the web app name the address in the person's language
    details: { code: 'FOREIGN_ORIGIN', title: 'Request from another address refused', expectedOrigin: fixedOrigin ?? null },
  });
}

/** Refuses (403 FOREIGN_ORIGIN) a request a browser sent from a page that is not the app's own. */
export function requireOwnOrigin(request: FastifyRequest, fixedOrigin: string | undefined): void {
  const source = requestSource(request, fixedOrigin);
  if (!source.own) throw foreignOriginError(source.origin, fixedOrigin);
}
