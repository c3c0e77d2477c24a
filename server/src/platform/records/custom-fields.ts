import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { FieldError } from '../errors.ts';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'boolean', 'select', 'multiselect', 'email', 'url'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const LANGUAGES = ['en', 'ro', 'pl', 'hu', 'uk'] as const;
export const CUSTOM_KEY = /^[a-z][a-zA-Z0-9]{0,62}$/;

/** An admin-defined field whose values live in the entity's `custom` jsonb. */
export interface CustomFieldDefinition {
  id: string;
  entity: string;
  key: string;
  type: CustomFieldType;
  label: Partial<Record<(typeof LANGUAGES)[number], string>>;
  options: string[] | null;
  required: boolean;
  position: number;
}

/** The live custom field definitions of an entity in a workspace, in display order. */
// Inside one transaction the definitions are read once per entity (an import writes thousands of rows).
const perTransaction = new WeakMap<object, Map<string, Promise<CustomFieldDefinition[]>>>();

export function loadCustomFields(db: Kysely<DB>, workspaceId: string, entity: string): Promise<CustomFieldDefinition[]> {
  if (!db.isTransaction) return readCustomFields(db, workspaceId, entity);
  const memo = perTransaction.get(db) ?? new Map<string, Promise<CustomFieldDefinition[]>>();
  perTransaction.set(db, memo);
  const key = `${workspaceId}:${entity}`;
  const found = memo.get(key);
  if (found) return found;
  const loaded = readCustomFields(db, workspaceId, entity);
  memo.set(key, loaded);
  return loaded;
}

async function readCustomFields(db: Kysely<DB>, workspaceId: string, entity: string): Promise<CustomFieldDefinition[]> {
  const rows = await db
    .selectFrom('customField')
    .select(['id', 'entity', 'key', 'type', 'label', 'options', 'required', 'position'])
    .where('workspaceId', '=', workspaceId)
    .where('entity', '=', entity)
    .where('deletedAt', 'is', null)
    .orderBy('position')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    ...r,
    type: r.type as CustomFieldType,
    label: (r.label ?? {}) as CustomFieldDefinition['label'],
    options: (r.options as string[] | null) ?? null,
  }));
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

function valueSchema(def: CustomFieldDefinition): z.ZodType {
  switch (def.type) {
    case 'text':
      return z.string().max(10_000);
    case 'email':
      return z.email().max(320);
    case 'url':
      return z.url().max(2000);
    case 'number':
      return z.number().finite();
    case 'money':
      return z.string().regex(DECIMAL, 'Expected a decimal string such as "1250.50"');
    case 'date':
      return z.iso.date();
    case 'boolean':
      return z.boolean();
    case 'select':
      return z.enum((def.options ?? []) as [string, ...string[]]);
    case 'multiselect':
      return z.array(z.enum((def.options ?? []) as [string, ...string[]])).max(100);
  }
}

/** Checks given `custom` values against the definitions: unknown keys and wrong types, per path. */
export function validateCustomValues(defs: CustomFieldDefinition[], values: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      errors.push({ path: `custom.${key}`, message: 'Unknown custom field' });
      continue;
    }
    if (value === null) continue;
    const result = valueSchema(def).safeParse(value);
    if (!result.success) errors.push({ path: `custom.${key}`, message: result.error.issues[0]?.message ?? 'Invalid value' });
  }
  return errors;
}

/** Required custom fields without a value in the record's complete (merged) `custom` object. */
export function missingRequired(defs: CustomFieldDefinition[], merged: Record<string, unknown>): FieldError[] {
  return defs
    .filter((def) => {
      const value = merged[def.key];
      return def.required && (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0));
    })
    .map((def) => ({ path: `custom.${def.key}`, message: 'Required' }));
}
