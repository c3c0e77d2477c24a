import { type RawBuilder, sql } from 'kysely';
import type { CustomFieldDefinition } from './custom-fields.ts';
import type { FieldDescriptor, FieldType } from './descriptor.ts';

/** How a value behaves in filters and sorting, independent of where it is stored. */
export type ValueKind =
  | 'text'
  | 'enum'
  | 'uuid'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'tags'
  | 'multiselect'
  | 'json';

/** A filterable/sortable SQL operand: the expression over a table alias and how to treat its values. */
export interface Operand {
  expr: RawBuilder<unknown>;
  kind: ValueKind;
  enumValues?: readonly string[];
  /** Never NULL (a NOT NULL column): sorted without NULLS LAST, so its plain index serves both directions. */
  notNull?: boolean;
}

const KIND_OF_TYPE: Record<FieldType, ValueKind> = {
  string: 'text',
  text: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  number: 'number',
  integer: 'integer',
  money: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  enum: 'enum',
  uuid: 'uuid',
  reference: 'uuid',
  tags: 'tags',
  json: 'json',
};

/** SQL type a value of this kind is cast to when compared (filters, cursors). */
export const SQL_TYPE: Record<ValueKind, string> = {
  text: 'text',
  enum: 'text',
  uuid: 'uuid',
  number: 'numeric',
  integer: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  tags: 'text[]',
  multiselect: 'jsonb',
  json: 'jsonb',
};

export function columnOperand(alias: string, field: FieldDescriptor): Operand {
  return {
    expr: sql.ref(`${alias}.${field.column}`),
    kind: KIND_OF_TYPE[field.type],
    enumValues: field.type === 'enum' ? field.values : undefined,
    ...(field.notNull ? { notNull: true } : {}),
  };
}

/** custom.<key>: the jsonb value cast to its definition's type, so comparisons and sorting are typed. */
export function customOperand(alias: string, def: CustomFieldDefinition): Operand {
  const column = sql.ref(`${alias}.custom`);
  const text = sql`(${column}->>${sql.lit(def.key)})`;
  switch (def.type) {
    case 'number':
    case 'money':
      return { expr: sql`(${text})::numeric`, kind: 'number' };
    case 'date':
      return { expr: sql`(${text})::date`, kind: 'date' };
    case 'boolean':
      return { expr: sql`(${text})::boolean`, kind: 'boolean' };
    case 'select':
      return { expr: text, kind: 'enum', enumValues: def.options ?? [] };
    case 'multiselect':
      return { expr: sql`(${column}->${sql.lit(def.key)})`, kind: 'multiselect', enumValues: def.options ?? [] };
    case 'text':
    case 'email':
    case 'url':
      return { expr: text, kind: 'text' };
  }
}
