import { sql } from 'kysely';
import type { Db } from './database.ts';

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: string;
  column_default: string | null;
  is_identity: string;
  is_generated: string;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => camel(s).replace(/^./, (c) => c.toUpperCase());

function tsType(udt: string): string {
  switch (udt) {
    case 'uuid':
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'tsvector':
    case 'date':
    case 'numeric':
    case 'int8':
      return 'string';
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'timestamptz':
    case 'timestamp':
      return 'Timestamp';
    case 'jsonb':
    case 'json':
      return 'Json';
    case '_text':
    case '_uuid':
      return 'string[]';
    default:
      throw new Error(`codegen: no TypeScript type for column type ${udt}`);
  }
}

// Select, insert and update types of a column; written as one ColumnType when they differ.
function columnType(c: ColumnRow): string {
  const base = tsType(c.udt_name);
  const nullable = c.is_nullable === 'YES' ? ' | null' : '';
  const optional = c.column_default !== null || c.is_identity === 'YES' || c.is_generated === 'ALWAYS';
  const write = base === 'Timestamp' ? 'Date | string' : base === 'Json' ? 'JsonValue' : base;
  const read = base === 'Timestamp' ? 'Date' : base === 'Json' ? 'JsonValue' : base;
  if (read === write && !optional) return `${read}${nullable}`;
  if (read === write && optional) return `Generated<${read}${nullable}>`;
  const insert = `${write}${nullable}${optional ? ' | undefined' : ''}`;
  return `ColumnType<${read}${nullable}, ${insert}, ${write}${nullable}>`;
}

/** Produces the Kysely table types (`schema.ts`) from the migrated database. */
export async function generateSchemaTypes(db: Db): Promise<string> {
  const { rows } = await sql<ColumnRow>`
    select table_name, column_name, udt_name, is_nullable, column_default, is_identity, is_generated
    from information_schema.columns
    where table_schema = 'public'
    order by table_name, ordinal_position`.execute(db.withoutPlugins());
  const tables = new Map<string, ColumnRow[]>();
  for (const row of rows) {
    const list = tables.get(row.table_name) ?? [];
    list.push(row);
    tables.set(row.table_name, list);
  }
  const out: string[] = [
    '// Generated from the migrated schema by `npm run db:types`; a test fails when it drifts. Do not edit.',
    "import type { ColumnType, Generated } from 'kysely';",
    '',
    'export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };',
    '',
  ];
  const names = [...tables.keys()].sort();
  for (const table of names) {
    out.push(`export interface ${pascal(table)} {`);
    for (const c of tables.get(table)!) {
      out.push(`  ${camel(c.column_name)}: ${columnType(c)};`);
    }
    out.push('}', '');
  }
  out.push('export interface DB {');
  for (const table of names) out.push(`  ${camel(table)}: ${pascal(table)};`);
  out.push('}', '');
  return out.join('\n');
}
