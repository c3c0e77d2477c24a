import { z } from 'zod';

export const savedViewDefinition = z.strictObject({
  filter: z.unknown().optional(),
  sort: z.string().max(500).optional(),
  columns: z.array(z.string().max(100)).max(100).optional(),
});
export type SavedViewDefinition = z.infer<typeof savedViewDefinition>;

export const savedViewCreate = z.strictObject({
  entity: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  shared: z.boolean().default(false),
  definition: savedViewDefinition,
});
export type SavedViewCreate = z.infer<typeof savedViewCreate>;

export const savedViewUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  shared: z.boolean().optional(),
  definition: savedViewDefinition.optional(),
  version: z.number().int().positive(),
});
export type SavedViewUpdate = z.infer<typeof savedViewUpdate>;

export const savedViewResponse = z.object({
  id: z.string(),
  entity: z.string(),
  name: z.string(),
  ownerId: z.string(),
  shared: z.boolean(),
  definition: z.object({ filter: z.unknown().optional(), sort: z.string().optional(), columns: z.array(z.string()).optional() }),
  mine: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type SavedViewResponse = z.infer<typeof savedViewResponse>;
