import { z } from 'zod';
import { ACTIONS, type Grants, SCOPES } from './actor.ts';

/** Business areas whose grants roles hand out; the web app labels them with `areas.<name>`. */
export const AREAS = [
  'partners',
  'activities',
  'sales',
  'marketing',
  'mail',
  'projects',
  'service',
  'documents',
  'workflow',
  'reports',
  'admin',
] as const;
export type Area = (typeof AREAS)[number];

/** i18n key of an area's label in the web app ('*' = every area). */
export const areaLabelKey = (area: Area | '*') => `areas.${area}`;

const scope = z.enum(SCOPES);
const actions = z.strictObject(Object.fromEntries(ACTIONS.map((a) => [a, scope.optional()])) as Record<(typeof ACTIONS)[number], z.ZodOptional<typeof scope>>);

/** A role's grants: known areas (or '*' for every area), known actions, known scopes. */
export const grantsSchema = z
  .partialRecord(z.enum([...AREAS, '*']), actions)
  .describe('Per area and action a scope: {"partners":{"read":"all","update":"own"}}') as unknown as z.ZodType<Grants>;
