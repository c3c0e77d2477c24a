import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError } from '../errors.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE: 422,
  RATE_LIMITED: 429,
};

/** PostgreSQL errors that only input can cause (SQLSTATE → what the client is told). */
const DATABASE_INPUT_ERRORS: Record<string, string> = {
  '22021': 'The request has text the database cannot store (a NUL character or an invalid byte sequence)',
  '22P05': 'The request has text the database cannot store (a NUL character, \\u0000)',
  '54001': 'The request is too complex (nested too deeply)',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const code = extra.code ?? (TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-');
  return {
    type: `https://kontakt-crm.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(p);
}

/** Maps any thrown error to RFC 9457 problem+json; unexpected errors are logged and hidden. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const status = STATUS[error.code];
    return sendProblem(reply, problem(status, error.message, { code: error.code, errors: error.errors, ...error.details }));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'Invalid value',
    }));
    const where = error.validationContext ?? 'request';
    return sendProblem(reply, problem(400, `The ${where} has invalid fields`, { code: 'VALIDATION', errors }));
  }
  const databaseInput = DATABASE_INPUT_ERRORS[(error as { code?: unknown }).code as string];
  if (databaseInput) {
    // the input guard refuses these before any handler; this is the net for text that reaches
    // the database another way (a value decoded inside a handler, a file's content)
    request.log.warn({ err: error }, 'input the database refused');
    return sendProblem(reply, problem(400, databaseInput, { code: 'VALIDATION' }));
  }
  if ((error as { code?: unknown }).code === '23505') {
    // a unique index caught what the service's own check let through (two writes racing): the
    // service's check names the record when it can; here nothing about the other row is told
    request.log.warn({ err: error }, 'unique constraint at the database');
    return sendProblem(reply, problem(409, 'A record with these values already exists; reload and try again', { code: 'CONFLICT' }));
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problem(500, 'Something went wrong on the server', { code: 'INTERNAL' }));
  }
  const code = fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'TOO_LARGE' : 'BAD_REQUEST';
  return sendProblem(reply, problem(status, fastifyError.message, { code }));
}
