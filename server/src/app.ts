import { existsSync } from 'node:fs';
import { join } from 'node:path';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { setupRoutes } from './modules/admin/setup.routes.ts';
import { partnerRoutes } from './modules/partners/partners.routes.ts';
import { activityRoutes } from './modules/activities/activities.routes.ts';
import { taskAnalysisRoutes } from './modules/activities/task-analysis.routes.ts';
import { reportExportRoutes } from './modules/reports/table-export.ts';
import { notificationPreferenceRoutes } from './platform/notifications/preferences.routes.ts';
import { holidayRoutes } from './platform/calendar/holidays.routes.ts';
import { productRoutes } from './modules/products/products.routes.ts';
import { leadRoutes } from './modules/sales/leads.routes.ts';
import { reportRoutes } from './modules/sales/reports.routes.ts';
import { documentRoutes } from './modules/sales/documents.routes.ts';
import { salesRoutes } from './modules/sales/sales.routes.ts';
import { resourceRoutes } from './modules/resources/resources.routes.ts';
import { calendarFeedRoutes, calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { authPlugin } from './platform/auth/auth.plugin.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { attachmentRoutes } from './platform/files/attachments.routes.ts';
import { jobRoutes } from './platform/jobs/jobs.routes.ts';
import { searchRoutes } from './platform/search/search.routes.ts';
import { mailRoutes } from './platform/mail/mail.routes.ts';
import { notificationRoutes } from './platform/notifications/notifications.routes.ts';
import { customFieldRoutes } from './modules/admin/custom-field.routes.ts';
import { orgUnitRoutes } from './modules/admin/org-unit.routes.ts';
import { savedViewRoutes } from './modules/admin/saved-view.routes.ts';
import type { Actor } from './platform/access/actor.ts';
import type { AppContext } from './platform/context.ts';
import { openApiTransform, openApiTransformObject } from './platform/http/openapi.ts';
import { problemClientErrorHandler, registerInputGuard } from './platform/http/input-guard.ts';
import { errorHandler, problem, sendProblem } from './platform/http/problem.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerWebApp } from './platform/http/static.ts';
import { metaRoutes } from './platform/records/meta.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** Set by the auth hook when a session cookie or API key identifies the caller. */
    actor: Actor | null;
  }
}

export interface BuildAppOptions {
  logger?: boolean;
  /** Serve the built web app (web/dist) from the same server and port. */
  serveWeb?: boolean;
  /** Where the built web app is (tests serve a fixture); web/dist by default. */
  webDist?: string;
}

export type App = FastifyInstance;

/** Builds the HTTP application over an already opened and migrated context. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    bodyLimit: 2 * 1024 * 1024,
    // X-Forwarded-* only from the proxies named in TRUST_PROXY: anyone else could pick the address the
    // sign-in limits count, or the host and scheme the origin check compares with
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
    clientErrorHandler: problemClientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerSecurityHeaders(app as unknown as FastifyInstance);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kontakt CRM API', version: ctx.config.version },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kontakt.session_token' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(scalar, { routePrefix: '/api/docs', configuration: { url: '/api/openapi.json' } });

  registerInputGuard(app as unknown as FastifyInstance);
  await authPlugin(app as unknown as FastifyInstance);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await ctx.db.selectFrom('workspace').select('id').limit(1).execute();
      return { status: 'ok' as const, database: ctx.database.kind, version: ctx.config.version };
    },
  );

  await app.register(
    async (api) => {
      for (const register of apiModules) await register(api as unknown as FastifyInstance);
    },
    { prefix: '/api/v1' },
  );

  // the personal iCalendar feed lives outside /api (calendar apps get a short URL, no session)
  await app.register(async (feeds) => calendarFeedRoutes(feeds as unknown as FastifyInstance));

  const webDist = options.webDist ?? join(import.meta.dirname, '../../web/dist');
  const serveWeb = options.serveWeb === true && existsSync(join(webDist, 'index.html'));
  if (serveWeb) await registerWebApp(app as unknown as FastifyInstance, webDist);

  // Unknown API paths answer problem+json; any other path is a client-side route of the web app.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !serveWeb) {
      return sendProblem(reply, problem(404, `No route ${request.method} ${request.url.split('?')[0]}`, { code: 'NOT_FOUND' }));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  await app.ready();
  return app as unknown as FastifyInstance;
}

type ModuleRegistration = (api: FastifyInstance) => Promise<void>;

// Route plugins of platform mechanisms and business modules, mounted under /api/v1.
const apiModules: ModuleRegistration[] = [
  setupRoutes,
  authRoutes,
  mailRoutes,
  jobRoutes,
  searchRoutes,
  attachmentRoutes,
  adminRoutes,
  notificationRoutes,
  notificationPreferenceRoutes,
  holidayRoutes,
  partnerRoutes,
  activityRoutes,
  taskAnalysisRoutes,
  reportExportRoutes,
  importRoutes,
  resourceRoutes,
  calendarRoutes,
  salesRoutes,
  documentRoutes,
  reportRoutes,
  leadRoutes,
  productRoutes,
  metaRoutes, orgUnitRoutes, customFieldRoutes, savedViewRoutes];
