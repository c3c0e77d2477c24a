import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

// Vite names what it builds into assets/ by content hash (index-Bjtg7yXM.js): such a name never changes meaning
const HASHED = /[/\\]assets[/\\][^/\\]+-[\w-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

/** Cache lifetime by file: a year for content-hashed assets, revalidation for everything else (index.html). */
export function cacheControlFor(path: string): string {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built web app (web/dist): the brotli or gzip copy made at build time when the browser
 * accepts it (Content-Encoding, Vary: Accept-Encoding), hashed assets cached for a year, index.html
 * revalidated. `reply.sendFile('index.html')` (client-side routes) is served the same way.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
}
