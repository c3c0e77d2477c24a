import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, CUSTOM_KEY, LANGUAGES } from '../../platform/records/custom-fields.ts';

const label = z.strictObject(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().trim().min(1).max(200).optional()]))).refine(
  (v) => Object.values(v).some(Boolean),
  'At least one language',
);
const options = z
  .array(z.string().trim().min(1).max(100))
  .min(1)
  .max(200)
  .refine((o) => new Set(o).size === o.length, 'Options must be unique');

export const customFieldCreate = z.strictObject({
  entity: z.string().min(1).max(100),
  key: z.string().regex(CUSTOM_KEY, 'camelCase letters and digits, starting with a letter'),
  type: z.enum(CUSTOM_FIELD_TYPES),
  label,
  options: options.optional(),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CustomFieldCreate = z.infer<typeof customFieldCreate>;

export const customFieldUpdate = z.strictObject({
  label: label.optional(),
  options: options.optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  version: z.number().int().positive(),
});
export type CustomFieldUpdate = z.infer<typeof customFieldUpdate>;

export const customFieldResponse = z.object({
  id: z.string(),
  entity: z.string(),
  key: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  label: z.record(z.string(), z.string()),
  options: z.array(z.string()).nullable(),
  required: z.boolean(),
  position: z.number(),
  version: z.number(),
});
export type CustomFieldResponse = z.infer<typeof customFieldResponse>;
