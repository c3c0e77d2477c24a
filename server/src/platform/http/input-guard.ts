import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../errors.ts';
import { problem, sendProblem } from './problem.ts';

/**
 * Hostile input refused in one place, before validation and before any handler: a NUL character
 * in any string of the query, the path parameters or a JSON body (PostgreSQL's text cannot hold
 * it, so it would surface as a 500 from the database), and JSON nested deeper than any contract
 * needs (a handler walking it recursively would overflow the stack).
 */
export const MAX_INPUT_DEPTH = 64;

const NUL = '\u0000';

/** The first hostile spot in a parsed input (walked without recursion, so depth costs no stack). */
export function findHostileInput(value: unknown, root: string): FieldError | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [current, path, depth] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return { path, message: 'must not contain the NUL character (\\u0000)' };
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { path, message: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
      if (Array.isArray(current)) {
        for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}[${i}]`, depth + 1]);
      } else {
        for (const [key, child] of Object.entries(current)) {
          if (key.includes(NUL)) return { path, message: 'must not contain the NUL character (\\u0000) in a key' };
          stack.push([child, path ? `${path}.${key}` : key, depth + 1]);
        }
      }
    }
  }
  return null;
}

/** Registers the input guard on every route of the application. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const found =
      findHostileInput(request.params, 'params') ??
      findHostileInput(request.query, 'query') ??
      (request.body !== undefined && !Buffer.isBuffer(request.body) ? findHostileInput(request.body, 'body') : null);
    if (!found) return;
    const path = found.path.replace(/^(params|query|body)\.?/, '');
    await sendProblem(reply, problem(400, `The request has an invalid value: ${found.path} ${found.message}`, { code: 'VALIDATION', errors: [{ path, message: found.message }] }));
    return reply;
  });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, a malformed
 * request line, a timeout) answered as problem+json too, instead of Fastify's own JSON shape.
 */
export function problemClientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // a reset connection has nobody left to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive']
        : [400, 'The request could not be read as HTTP'];
  const body = JSON.stringify(problem(status, detail, { code: status === 431 ? 'HEADERS_TOO_LARGE' : status === 408 ? 'TIMEOUT' : 'BAD_REQUEST', title: http.STATUS_CODES[status] ?? 'Error' }));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
