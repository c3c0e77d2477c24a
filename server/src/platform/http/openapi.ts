import type { FastifyContextConfig } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error statuses a route answers beyond those derived from its schema (413 for uploads, 429 …), for the OpenAPI document. */
    problems?: readonly ProblemStatus[];
  }
}

/** The one RFC 9457 problem body every error answers with (see problem.ts); a component of the OpenAPI document. */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string().describe('The HTTP status in words'),
    status: z.number().int(),
    detail: z.string().describe('What went wrong, for a person'),
    code: z
      .string()
      .optional()
      .describe('VALIDATION, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, VERSION_CONFLICT, TOO_LARGE, RULE, RATE_LIMITED …'),
    errors: z
      .array(z.object({ path: z.string().describe('The field, dotted (lines.0.quantity)'), message: z.string() }))
      .optional()
      .describe('The fields that were refused and why'),
  })
  .meta({ id: 'Problem', description: 'An error (RFC 9457 application/problem+json)' });

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The request has invalid fields (validation)',
  401: 'Not signed in: no valid session or API key',
  403: 'The signed-in user may not do this',
  404: 'Not found, or not visible to this user',
  409: 'Conflict: the record was changed by someone else since it was read (version), or a unique value is taken',
  413: 'The request or file is too large',
  415: 'The file is of a kind that is not accepted',
  422: 'A business rule refuses the change',
  429: 'Too many attempts; try again later',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RouteSchema {
  security?: unknown[];
  operationId?: string;
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  headers?: unknown;
  response?: Record<string, unknown>;
}

interface JsonObjectSchema {
  properties?: Record<string, unknown>;
}

const hasProperty = (schema: unknown, name: string) =>
  typeof schema === 'object' && schema !== null && Object.hasOwn((schema as JsonObjectSchema).properties ?? {}, name);

/**
 * The operationId of a route, from its method and path: `GET /api/v1/partners/:id/contacts` →
 * `getPartnersByIdContacts`. Method and path are unique per route, so the ids are too.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/(v1\/)?/, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^[:{]([^}]+)}?$/.exec(segment);
      return param?.[1] ? ['by', ...param[1].split(/[^a-zA-Z0-9]+/)] : segment.split(/[^a-zA-Z0-9]+/);
    })
    .filter(Boolean);
  const camel = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${method.toLowerCase()}${camel || 'Root'}`;
}

/** The error statuses an operation can answer, from what it takes and whether it needs a signed-in caller. */
export function problemStatuses(
  method: string,
  url: string,
  schema: RouteSchema,
  transformed: RouteSchema,
  config: FastifyContextConfig | undefined,
): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>();
  const authenticated = !(Array.isArray(schema.security) && schema.security.length === 0);
  const write = WRITES.has(method);
  // any request can be malformed (headers, URL, body), and the error handler answers that with 400
  statuses.add(400);
  if (authenticated) {
    statuses.add(401);
    statuses.add(403);
  }
  if (url.includes(':') || url.includes('{')) statuses.add(404);
  if (write && (hasProperty(transformed.body, 'version') || hasProperty(transformed.headers, 'if-match'))) statuses.add(409);
  if (write) statuses.add(422);
  for (const status of config?.problems ?? []) statuses.add(status);
  return [...statuses].sort();
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

/**
 * The OpenAPI transform of every route: zod → JSON Schema (fastify-type-provider-zod), plus an
 * operationId and the problem+json responses the route can answer. Runtime serialisation is not
 * touched: errors are always sent by problem.ts in the shape of `problemSchema`.
 */
export function openApiTransform(input: TransformInput) {
  const route = input.route;
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method).toUpperCase();
  if (input.schema?.hide) return jsonSchemaTransform(input);
  const withSchema = { ...input, schema: input.schema ?? {} };
  const schema = withSchema.schema as RouteSchema;
  const statuses = problemStatuses(method, input.url, schema, jsonSchemaTransform(withSchema).schema as RouteSchema, route.config);
  const response: Record<string, unknown> = { ...schema.response };
  for (const status of statuses) {
    if (Object.keys(response).some((key) => key === String(status) || key === '4xx')) continue;
    response[status] = { description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: problemSchema } } };
  }
  const result = jsonSchemaTransform({ ...withSchema, schema: { ...withSchema.schema, response } });
  const documented = { ...(result.schema?.response as Record<string, unknown>) };
  // a route without a declared success answers a file or a stream (CSV, PDF, events): say so
  if (!Object.keys(documented).some((key) => key.startsWith('2'))) documented['200'] = DEFAULT_SUCCESS;
  return {
    ...result,
    schema: { ...result.schema, response: documented, operationId: schema.operationId ?? operationIdOf(method, input.url) },
  };
}

const DEFAULT_SUCCESS = { description: 'Success: the file or stream the summary names', content: { '*/*': { schema: {} } } };

type TransformObjectInput = Parameters<typeof jsonSchemaTransformObject>[0];

/** The document's components (fastify-type-provider-zod), less input variants no operation refers to (ProblemInput). */
export function openApiTransformObject(input: TransformObjectInput): ReturnType<typeof jsonSchemaTransformObject> {
  const document = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = document.components?.schemas;
  if (!schemas) return document as ReturnType<typeof jsonSchemaTransformObject>;
  const text = JSON.stringify({ ...document, components: { ...document.components, schemas: undefined } });
  const used = (name: string) => text.includes(`"#/components/schemas/${name}"`);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => !name.endsWith('Input') || used(name)));
  return { ...document, components: { ...document.components, schemas: kept } } as ReturnType<typeof jsonSchemaTransformObject>;
}
