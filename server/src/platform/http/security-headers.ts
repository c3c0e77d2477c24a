import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app's pages: scripts only from our own files (the build has no inline script), styles
 * inline as well (Mantine writes its CSS variables and positions into style attributes and tags),
 * nothing from other hosts, no plugins, and no framing by another site.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

// The API reference (Scalar) boots from an inline script, evaluates code and loads its fonts from its
// CDN; it shows the API's description only, never the workspace's data.
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline' https:",
  "img-src 'self' data: https:",
  "font-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

// JSON, files and downloads are not pages: should one be opened as a document, it may run nothing.
// PDFs are left to the browser's viewer, which a stricter policy would stop.
const DATA_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'";

function policyFor(request: FastifyRequest, reply: FastifyReply): string {
  const type = String(reply.getHeader('content-type') ?? '');
  if (request.url.startsWith('/api/docs')) return DOCS_CSP;
  if (type.startsWith('text/html')) return APP_CSP;
  if (type.startsWith('application/pdf')) return "frame-ancestors 'self'";
  return DATA_CSP;
}

// Over https (directly, or behind a proxy named in TRUST_PROXY) every cookie is Secure.
function secureCookies(reply: FastifyReply): void {
  const cookies = reply.getHeader('set-cookie');
  if (!cookies) return;
  const list = (Array.isArray(cookies) ? cookies : [String(cookies)]).map((c) => (/;\s*secure(\s*;|\s*$)/i.test(c) ? c : `${c}; Secure`));
  reply.removeHeader('set-cookie');
  reply.header('set-cookie', list);
}

/** Security headers on every answer: CSP, no sniffing, no framing by other sites, no leaking addresses in Referer. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', policyFor(request, reply));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'SAMEORIGIN');
    // record addresses (/partners/<id>) stay inside the CRM when a person follows a link out of it
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=15552000');
      secureCookies(reply);
    }
    return payload;
  });
}
