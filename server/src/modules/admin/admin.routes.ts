import type { FastifyInstance } from 'fastify';
import { groupRoutes } from './group.routes.ts';
import { recordGrantRoutes } from './record-grant.routes.ts';
import { roleRoutes } from './role.routes.ts';
import { userRoutes } from './user.routes.ts';

/** Users, groups, roles and record sharing: the organisation model's administration. */
export async function adminRoutes(root: FastifyInstance): Promise<void> {
  await userRoutes(root);
  await groupRoutes(root);
  await roleRoutes(root);
  await recordGrantRoutes(root);
}
