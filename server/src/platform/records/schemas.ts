import { z } from 'zod';
import type { EntityDescriptor, FieldDescriptor } from './descriptor.ts';

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

/** The zod type of a field's input value (create/update bodies). */
export function inputType(field: FieldDescriptor): z.ZodType {
  let schema: z.ZodType;
  switch (field.type) {
    case 'string':
      // a required text is not satisfied by an empty one (or spaces)
      schema = z.string().trim().min(field.required ? 1 : 0, { message: 'validation.required' }).max(field.max ?? 500);
      break;
    case 'text':
      schema = field.required
        ? z.string().max(field.max ?? 100_000).refine((v) => v.trim() !== '', { message: 'validation.required' })
        : z.string().max(field.max ?? 100_000);
      break;
    case 'email':
      // addresses pasted with spaces around them are still addresses
      schema = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.email().max(field.max ?? 320));
      break;
    case 'phone':
      schema = z.string().trim().max(field.max ?? 50);
      break;
    case 'url':
      schema = z.url().max(field.max ?? 2000);
      break;
    case 'number':
      schema = z.number().finite();
      break;
    case 'integer':
      schema = z.number().int().min(-2_147_483_648).max(2_147_483_647);
      break;
    case 'money':
      schema = z.string().regex(DECIMAL, 'Expected a decimal string such as "1250.50"');
      break;
    case 'boolean':
      schema = z.boolean();
      break;
    case 'date':
      schema = z.iso.date();
      break;
    case 'datetime':
      schema = z.iso.datetime({ offset: true });
      break;
    case 'enum':
      schema = z.enum(field.values as [string, ...string[]]);
      break;
    case 'uuid':
    case 'reference':
      schema = z.uuid();
      break;
    case 'tags':
      schema = z.array(z.string().trim().min(1).max(100)).max(100);
      break;
    case 'json':
      schema = z.record(z.string(), z.unknown());
      break;
  }
  return field.refine ? field.refine(schema) : schema;
}

/** The zod type of a field's value in responses (what the database holds, always nullable). */
function outputType(field: FieldDescriptor): z.ZodType {
  switch (field.type) {
    case 'number':
      return z.number().nullable();
    case 'integer':
      return z.number().int().nullable();
    case 'boolean':
      return z.boolean().nullable();
    case 'enum':
      return z.enum(field.values as [string, ...string[]]).nullable();
    case 'tags':
      return z.array(z.string()).nullable();
    case 'json':
      return z.unknown();
    default:
      return z.string().nullable();
  }
}

const customValues = z.record(z.string(), z.unknown()).describe('Custom field values keyed by custom field key');

export interface EntitySchemas {
  create: z.ZodType;
  update: z.ZodType;
  record: z.ZodObject;
  /** Records of a list with `fields=` may carry a subset: every field optional except id. */
  listItem: z.ZodType;
}

const cache = new WeakMap<EntityDescriptor, EntitySchemas>();

/** Strict create/update bodies (unknown fields → 400) and the response shape, derived from the descriptor. */
export function entitySchemas(entity: EntityDescriptor): EntitySchemas {
  const cached = cache.get(entity);
  if (cached) return cached;
  const writable = entity.fields.filter((f) => !f.readOnly);
  const createShape: Record<string, z.ZodType> = {};
  const updateShape: Record<string, z.ZodType> = {};
  for (const f of writable) {
    const t = inputType(f);
    createShape[f.name] = f.required ? t : t.nullable().optional();
    updateShape[f.name] = f.required ? t.optional() : t.nullable().optional();
  }
  if (entity.customFields) {
    createShape.custom = customValues.optional();
    updateShape.custom = customValues.optional();
  }
  updateShape.version = z.number().int().positive().optional().describe('Expected current version (or If-Match header)');

  const recordShape: Record<string, z.ZodType> = {};
  for (const f of entity.allFields) {
    if (f.hidden) continue;
    recordShape[f.name] = f.name === 'id' ? z.string() : f.name === 'version' ? z.number().int() : outputType(f);
  }
  if (entity.customFields) recordShape.custom = customValues;
  const record = z.object(recordShape);
  const schemas: EntitySchemas = {
    create: z.strictObject(createShape),
    update: z.strictObject(updateShape),
    record,
    listItem: record.partial().extend({ id: z.string() }),
  };
  cache.set(entity, schemas);
  return schemas;
}
