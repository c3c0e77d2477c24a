import type { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import type { Trx } from '../audit/record-change.ts';
import type { AppError } from '../errors.ts';

export const FIELD_TYPES = [
  'string',
  'text',
  'email',
  'phone',
  'url',
  'number',
  'integer',
  'money',
  'boolean',
  'date',
  'datetime',
  'enum',
  'uuid',
  'reference',
  'tags',
  'json',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One column of an entity, as the API, filters, sorting, export and the web app see it. */
export interface FieldDescriptor {
  /** camelCase name used in JSON, filters and sort (`ownerId`). */
  name: string;
  /** snake_case column of the entity's table (`owner_id`). */
  column: string;
  type: FieldType;
  /** i18n key of the label; defaults to `<entity>.fields.<name>`. */
  labelKey?: string;
  filterable?: boolean;
  sortable?: boolean;
  /** Included in `q` quick search (contains, diacritics-insensitive). */
  searchable?: boolean;
  /**
   * The column is NOT NULL in the table: lists sort it without NULLS LAST, so a plain (`desc`) index
   * serves a descending sort (the planner matches NULLS FIRST/LAST literally). Only for columns that
   * truly cannot be null: the keyset cursor then skips the NULL cases.
   */
  notNull?: boolean;
  /** Must be given on create and may not be set to null. */
  required?: boolean;
  /** Not accepted from clients; set by the engine or by hooks (path, totals …). */
  readOnly?: boolean;
  /** Maximum length for string-like types. */
  max?: number;
  /** Allowed values for `enum`. */
  values?: readonly string[];
  /** Target entity name for `reference` (e.g. 'orgUnit'); checked to exist in the same workspace. */
  to?: string;
  /** For `money`: the field holding the ISO currency. */
  currencyField?: string;
  /** Extra zod rules applied to the input value on create and update. */
  refine?: (schema: z.ZodType) => z.ZodType;
  /** Left out of list/get responses and export (secrets, internal columns). */
  hidden?: boolean;
}

/**
 * A related entity reachable in filter paths (`parent.name`, `primaryContact.email`):
 * belongsTo = this table holds the foreign key; hasMany = the other table points back at this one.
 */
export interface RelationDescriptor {
  name: string;
  entity: string;
  kind: 'belongsTo' | 'hasMany';
  /** belongsTo: column of this table; hasMany: column of the related table. */
  column: string;
}

/** Row-level access columns handed to scopeWhere (unqualified column names). */
export interface ScopeDescriptor {
  ownerColumns: string[];
  /** Users in `column` stand in for the user in `for` while that user is away (deputies). */
  standIns?: { column: string; for: string }[];
  orgUnitColumn?: string;
  confidentialColumn?: string;
}

export interface HookContext {
  trx: Trx;
  actor: Actor;
  entity: EntityDescriptor;
}

/** Values keyed by field name; hooks may change them and set readOnly fields. */
export type RecordValues = Record<string, unknown>;
/** A record as returned by the API (field names, plus id, version, custom, audit columns). */
export type RecordRow = Record<string, unknown> & { id: string; version: number };

export interface EntityHooks {
  /** Before the INSERT: validate (throw AppError 'RULE' | 'VALIDATION') and complete `values`. */
  beforeCreate?(ctx: HookContext, args: { id: string; values: RecordValues }): Promise<void> | void;
  /**
   * beforeCreate for many records at once (set-based creation, e.g. an import batch): same rules, one
   * query for all; returns each record's refusal or null. Used instead of beforeCreate when present.
   */
  beforeCreateMany?(ctx: HookContext, items: { id: string; values: RecordValues }[]): Promise<(AppError | null)[]>;
  /** Before the UPDATE: `patch` holds only the changed fields and may be completed. */
  beforeUpdate?(ctx: HookContext, args: { before: RecordRow; patch: RecordValues }): Promise<void> | void;
  /** Before a soft delete. */
  beforeDelete?(ctx: HookContext, args: { before: RecordRow }): Promise<void> | void;
  /** Before a record comes back from the trash (what it holds may have been taken meanwhile). */
  beforeRestore?(ctx: HookContext, args: { before: RecordRow }): Promise<void> | void;
  /** After any write, in the same transaction (derived rows, subtree updates, events). */
  afterWrite?(
    ctx: HookContext,
    args: { action: 'created' | 'updated' | 'deleted' | 'restored'; before: RecordRow | null; after: RecordRow },
  ): Promise<void> | void;
}

export interface SearchDescriptor {
  /** Field names whose values make the search document's title, subtitle and body. */
  title: string[];
  subtitle?: string[];
  body?: string[];
}

export interface EntityDefinition {
  /** camelCase singular, also the audit/outbox/record_grant entity name ('orgUnit', 'partner'). */
  name: string;
  /** Plural kebab-case path under /api/v1 ('org-units'). */
  resource: string;
  table: string;
  /** Access area whose grants apply ('admin', 'partners' …). */
  area: string;
  /** i18n key of the entity's name; defaults to `entities.<name>`. */
  labelKey?: string;
  fields: FieldDescriptor[];
  relations?: RelationDescriptor[];
  /** 'workspace' = area permission only (every row of the workspace); otherwise row scopes. */
  scope: ScopeDescriptor | 'workspace';
  /** Every signed-in member of the workspace may read, whatever their grants (org units). */
  readableByMembers?: boolean;
  customFields?: boolean;
  search?: SearchDescriptor;
  /**
   * A column holding the searchable fields normalised together, with a trigram index (generated in
   * the table): quick search looks each word up there instead of in every searchable field.
   */
  searchColumn?: string;
  /**
   * The field that names a record where it is referenced (pickers, links, reference cells); defaults to
   * `name`, else the search title's first field. It must be searchable, so a picker finds by it with `q`.
   */
  displayField?: string;
  /** Default sort when the client sends none. */
  defaultSort?: string;
  hooks?: EntityHooks;
  /** OpenAPI tag of the generated routes; defaults to the area. */
  tag?: string;
}

export interface EntityDescriptor extends Omit<EntityDefinition, 'labelKey' | 'defaultSort' | 'tag'> {
  labelKey: string;
  defaultSort: string;
  tag: string;
  /** The field naming a record in pickers and references (undefined: the entity has none). */
  displayField: string | undefined;
  /** Declared fields plus the system columns every entity has. */
  allFields: FieldDescriptor[];
  fieldByName: Map<string, FieldDescriptor>;
}

// Columns every records table has (row conventions): read-only, filterable and sortable.
const SYSTEM_FIELDS: FieldDescriptor[] = [
  { name: 'id', column: 'id', type: 'uuid', readOnly: true, filterable: true , notNull: true },
  { name: 'createdAt', column: 'created_at', type: 'datetime', readOnly: true, filterable: true, sortable: true , notNull: true },
  { name: 'createdBy', column: 'created_by', type: 'reference', to: 'user', readOnly: true, filterable: true },
  { name: 'updatedAt', column: 'updated_at', type: 'datetime', readOnly: true, filterable: true, sortable: true , notNull: true },
  { name: 'updatedBy', column: 'updated_by', type: 'reference', to: 'user', readOnly: true, filterable: true },
  { name: 'version', column: 'version', type: 'integer', readOnly: true },
  { name: 'deletedAt', column: 'deleted_at', type: 'datetime', readOnly: true },
];
export const SYSTEM_FIELD_NAMES = new Set(SYSTEM_FIELDS.map((f) => f.name));

const registry = new Map<string, EntityDescriptor>();

/** Describes an entity once; the engine derives schemas, routes, filters, export and meta from it. */
export function defineEntity(definition: EntityDefinition): EntityDescriptor {
  const names = new Set<string>();
  for (const field of definition.fields) {
    if (SYSTEM_FIELD_NAMES.has(field.name) || field.name === 'custom' || names.has(field.name)) {
      throw new Error(`${definition.name}: duplicate or reserved field ${field.name}`);
    }
    if (field.type === 'enum' && !field.values?.length) throw new Error(`${definition.name}.${field.name}: enum without values`);
    if (field.type === 'reference' && !field.to) throw new Error(`${definition.name}.${field.name}: reference without target`);
    names.add(field.name);
  }
  const allFields = [...definition.fields, ...SYSTEM_FIELDS];
  const displayField = definition.displayField ?? (names.has('name') ? 'name' : definition.search?.title[0]);
  if (definition.displayField && !names.has(definition.displayField)) {
    throw new Error(`${definition.name}: display field ${definition.displayField} is not a field`);
  }
  const descriptor: EntityDescriptor = {
    ...definition,
    labelKey: definition.labelKey ?? `entities.${definition.name}`,
    defaultSort: definition.defaultSort ?? '-updatedAt',
    tag: definition.tag ?? definition.area,
    displayField,
    allFields,
    fieldByName: new Map(allFields.map((f) => [f.name, f])),
  };
  registry.set(descriptor.name, descriptor);
  return descriptor;
}

/** A registered entity by name (relations and references resolve through this). */
export function getEntity(name: string): EntityDescriptor | undefined {
  return registry.get(name);
}

/** Every registered entity, in registration order. */
export function listEntities(): EntityDescriptor[] {
  return [...registry.values()];
}
