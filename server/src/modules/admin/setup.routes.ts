import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../platform/auth/auth.routes.ts';
import { runFirstSetup, setupNeeded } from '../../platform/auth/workspace-setup.ts';

const setupBody = z.strictObject({
  workspaceName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8).max(128),
  locale: z.enum(LOCALES).default('en'),
});

/** First-run setup: the first workspace and its administrator, then signed in. */
export async function setupRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;

  api.get(
    '/setup',
    {
      schema: {
        tags: ['setup'],
        summary: 'Whether the first-run setup is still needed',
        security: [],
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async () => ({ needed: await setupNeeded(db) }),
  );

  api.post(
    '/setup',
    {
      schema: {
        tags: ['setup'],
        summary: 'Create the first workspace and administrator (only while none exists); signs in',
        security: [],
        body: setupBody,
        response: { 201: z.object({ workspaceId: z.string(), userId: z.string(), slug: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await runFirstSetup(db, request.body);
      const signIn = await root.auth.api.signInEmail({
        body: { email: request.body.email, password: request.body.password },
        asResponse: true,
      });
      for (const cookie of signIn.headers.getSetCookie()) reply.header('set-cookie', cookie);
      return reply.code(201).send(created);
    },
  );
}

