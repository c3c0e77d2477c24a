import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { ACTIONS, type Action, type Actor, SCOPES } from '../access/actor.ts';
import { requireActor } from '../access/guard.ts';
import { entityScope } from './access.ts';
import { CUSTOM_FIELD_TYPES, type CustomFieldDefinition } from './custom-fields.ts';
import { FIELD_TYPES, type FieldDescriptor, listEntities } from './descriptor.ts';

const scope = z.enum(SCOPES);
const fieldMeta = z.object({
  name: z.string(),
  type: z.enum(FIELD_TYPES),
  labelKey: z.string(),
  filterable: z.boolean(),
  sortable: z.boolean(),
  searchable: z.boolean(),
  required: z.boolean(),
  readOnly: z.boolean(),
  max: z.number().optional(),
  values: z.array(z.string()).optional(),
  reference: z.string().optional(),
  currencyField: z.string().optional(),
  /** A json field holding a list of like entries (addresses, bank accounts …): the fields of one entry. */
  items: z
    .array(
      z.object({
        name: z.string(),
        type: z.enum(['string', 'integer', 'number', 'enum', 'date', 'boolean', 'reference']),
        required: z.boolean(),
        values: z.array(z.string()).optional(),
        /** For `reference`: the entity picked (a zod schema's `.meta({ 'x-reference': 'user' })`). */
        reference: z.string().optional(),
        max: z.number().optional(),
      }),
    )
    .optional(),
  /** A json field holding named text values (characteristics, messaging handles): edited as name → value rows. */
  keyValue: z.boolean().optional(),
});
type ItemMeta = NonNullable<z.infer<typeof fieldMeta>['items']>[number];

interface JsonSchemaNode {
  type?: string;
  enum?: string[];
  format?: string;
  maxLength?: number;
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: JsonSchemaNode | boolean;
  required?: string[];
  /** `.meta({ 'x-reference': 'user' })`: an OpenAPI extension keyword, so the document stays valid JSON Schema. */
  'x-reference'?: string;
}

type JsonShape = { items: ItemMeta[] } | { keyValue: true } | null;
const shapeCache = new WeakMap<FieldDescriptor, JsonShape>();

/**
 * How a json field is edited, from its zod schema: a list of flat entries (their fields), named text
 * values, or (null) free JSON.
 */
function jsonShape(field: FieldDescriptor): JsonShape {
  if (field.type !== 'json' || !field.refine) return null;
  const cached = shapeCache.get(field);
  if (cached !== undefined) return cached;
  let shape: JsonShape = null;
  try {
    const schema = z.toJSONSchema(field.refine(z.any()), { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
    const named = schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object';
    if (named && (schema.additionalProperties as JsonSchemaNode).type === 'string') shape = { keyValue: true };
    const entry = schema.type === 'array' ? schema.items : undefined;
    if (entry?.type === 'object' && entry.properties) {
      const required = new Set(entry.required ?? []);
      const items: ItemMeta[] = Object.entries(entry.properties).map(([name, p]) => ({
        name,
        type: p['x-reference']
          ? 'reference'
          : p.enum
            ? 'enum'
            : p.format === 'date'
              ? 'date'
              : p.type === 'integer'
                ? 'integer'
                : p.type === 'number'
                  ? 'number'
                  : p.type === 'boolean'
                    ? 'boolean'
                    : 'string',
        required: required.has(name),
        ...(p['x-reference'] ? { reference: p['x-reference'] } : {}),
        ...(p.enum ? { values: p.enum } : {}),
        ...(p.maxLength ? { max: p.maxLength } : {}),
      }));
      shape = { items };
    }
  } catch {
    shape = null;
  }
  shapeCache.set(field, shape);
  return shape;
}
const customFieldMeta = z.object({
  id: z.string(),
  key: z.string(),
  path: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  label: z.record(z.string(), z.string()),
  options: z.array(z.string()).nullable(),
  required: z.boolean(),
  position: z.number(),
});
export const metaResponse = z.object({
  entities: z.array(
    z.object({
      name: z.string(),
      resource: z.string(),
      path: z.string(),
      area: z.string(),
      labelKey: z.string(),
      defaultSort: z.string(),
      /** The field that names a record in pickers and references (searchable with `q`); absent when there is none. */
      displayField: z.string().optional(),
      customFieldsEnabled: z.boolean(),
      fields: z.array(fieldMeta),
      customFields: z.array(customFieldMeta),
      relations: z.array(z.object({ name: z.string(), entity: z.string(), kind: z.enum(['belongsTo', 'hasMany']) })),
      // an object with one property per action (a record over an enum documents as `required` without `properties`)
      permissions: z.object(Object.fromEntries(ACTIONS.map((action) => [action, scope])) as Record<Action, typeof scope>),
    }),
  ),
});
export type Meta = z.infer<typeof metaResponse>;

/** Every entity the actor may read, with fields, custom fields, relations and the actor's scope per action. */
export async function buildMeta(db: Kysely<DB>, actor: Actor): Promise<Meta> {
  const readable = listEntities().filter((e) => entityScope(actor, e, 'read') !== 'none');
  const names = readable.filter((e) => e.customFields).map((e) => e.name);
  const customRows = names.length
    ? await db
        .selectFrom('customField')
        .select(['id', 'entity', 'key', 'type', 'label', 'options', 'required', 'position'])
        .where('workspaceId', '=', actor.workspaceId)
        .where('entity', 'in', names)
        .where('deletedAt', 'is', null)
        .orderBy('position')
        .orderBy('key')
        .execute()
    : [];
  return {
    entities: readable.map((e) => ({
      name: e.name,
      resource: e.resource,
      path: `/api/v1/${e.resource}`,
      area: e.area,
      labelKey: e.labelKey,
      defaultSort: e.defaultSort,
      ...(e.displayField ? { displayField: e.displayField } : {}),
      customFieldsEnabled: e.customFields === true,
      fields: e.allFields
        .filter((f) => !f.hidden)
        .map((f) => ({
          name: f.name,
          type: f.type,
          labelKey: f.labelKey ?? `${e.name}.fields.${f.name}`,
          filterable: f.filterable === true,
          sortable: f.sortable === true,
          searchable: f.searchable === true,
          required: f.required === true,
          readOnly: f.readOnly === true,
          ...(f.max !== undefined ? { max: f.max } : {}),
          ...(f.values ? { values: [...f.values] } : {}),
          ...(f.to ? { reference: f.to } : {}),
          ...(f.currencyField ? { currencyField: f.currencyField } : {}),
          ...(jsonShape(f) ?? {}),
        })),
      customFields: customRows
        .filter((c) => c.entity === e.name)
        .map((c) => ({
          id: c.id,
          key: c.key,
          path: `custom.${c.key}`,
          type: c.type as CustomFieldDefinition['type'],
          label: (c.label ?? {}) as Record<string, string>,
          options: (c.options as string[] | null) ?? null,
          required: c.required,
          position: c.position,
        })),
      relations: (e.relations ?? []).map((r) => ({ name: r.name, entity: r.entity, kind: r.kind })),
      permissions: Object.fromEntries(ACTIONS.map((a) => [a, entityScope(actor, e, a)])) as Meta['entities'][number]['permissions'],
    })),
  };
}

/** GET /api/v1/meta: what the web app builds its tables, filters and forms from. */
export async function metaRoutes(api: FastifyInstance): Promise<void> {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/meta',
    { schema: { tags: ['records'], summary: 'Entities, fields, custom fields and permissions of the signed-in user', response: { 200: metaResponse } } },
    async (request) => buildMeta(api.ctx.db, requireActor(request)),
  );
}
