import type { FastifyInstance } from 'fastify';
import { registerEntityRoutes } from '../../platform/records/routes.ts';
import { orgUnitEntity } from './org-unit.entity.ts';

/** /api/v1/org-units: the generated records endpoints for the org unit tree. */
export async function orgUnitRoutes(api: FastifyInstance): Promise<void> {
  await registerEntityRoutes(api, orgUnitEntity);
}
