import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../platform/auth/auth.routes.ts';
import { AttemptLimiter } from '../../platform/auth/sign-in-limiter.ts';
import { createWorkspace, runFirstSetup, setupNeeded } from '../../platform/auth/workspace-setup.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { DEMO_QUEUE } from '../demo/seed.ts';

const setupBody = z.strictObject({
  workspaceName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8).max(128),
  locale: z.enum(LOCALES).default('en'),
  demo: z.boolean().default(false).describe('Fill the new workspace with demo data (in the background)'),
});

const created = z.object({ workspaceId: z.string(), userId: z.string(), slug: z.string() });

/** First-run setup: the first workspace and its administrator, then signed in. */
export async function setupRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root.ctx;
  // new workspaces per address: 5 an hour
  const signUps = new AttemptLimiter(db, 'workspace-sign-up', 60 * 60_000);

  // demo data fills the new workspace in the background; the person is signed in meanwhile
  const queueDemo = (ws: { workspaceId: string; userId: string }) =>
    enqueue(db, { queue: DEMO_QUEUE, workspaceId: ws.workspaceId, payload: { workspaceId: ws.workspaceId, userId: ws.userId }, dedupeKey: `demo:${ws.workspaceId}` });

  const signInAfterwards = async (reply: FastifyReply, email: string, password: string) => {
    const signIn = await root.auth.api.signInEmail({ body: { email, password }, asResponse: true });
    for (const cookie of signIn.headers.getSetCookie()) reply.header('set-cookie', cookie);
  };

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
        response: { 201: created },
      },
    },
    async (request, reply) => {
      const result = await runFirstSetup(db, request.body);
      if (request.body.demo) await queueDemo(result);
      await signInAfterwards(reply, request.body.email, request.body.password);
      return reply.code(201).send(result);
    },
  );

  api.post(
    '/workspaces/sign-up',
    {
      schema: {
        tags: ['setup'],
        summary: 'Create another workspace with its administrator (when WORKSPACE_SIGNUP=open); signs in',
        security: [],
        body: setupBody,
        response: { 201: created },
      },
      config: { problems: [403, 429] },
    },
    async (request, reply) => {
      if (!root.ctx.config.workspaceSignup) {
        throw new AppError('FORBIDDEN', 'Sign-up of new workspaces is closed on this server; ask its administrator');
      }
      // counted before the work, so a parallel burst cannot pass the limit together
      const taken = await signUps.take([{ key: request.ip, max: 5 }]);
      if (taken.wait > 0) {
        reply.header('retry-after', String(taken.wait));
        throw new AppError('RATE_LIMITED', 'Too many new workspaces from this address; try again later');
      }
      let result: Awaited<ReturnType<typeof createWorkspace>>;
      try {
        result = await createWorkspace(db, request.body);
      } catch (error) {
        // a refused sign-up (e-mail taken …) made no workspace
        await signUps.release(taken.ids);
        throw error;
      }
      if (request.body.demo) await queueDemo(result);
      await signInAfterwards(reply, request.body.email, request.body.password);
      return reply.code(201).send(result);
    },
  );
}

