import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface TableInfo {
  name: string;
  primaryKey: string[];
  /** Types of the primary key columns (from the catalog), for keyset comparisons. */
  primaryKeyTypes: string[];
  /** Columns generated ALWAYS AS IDENTITY: inserted with OVERRIDING SYSTEM VALUE, sequence moved past them. */
  identity: string[];
  /** Stored generated columns (GENERATED ALWAYS AS (…) STORED): never written, the database computes them. */
  generated: string[];
  /** Every other column, in table order: the ones a restore writes. */
  writable: string[];
  /** Columns referencing the same table: filled in after all rows of the table exist. */
  selfReferences: string[];
}

/** The application's tables in an order where every referenced table comes before its referrers. */
export async function applicationTables(db: Kysely<DB>): Promise<TableInfo[]> {
  const raw = db.withoutPlugins();
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migration'
    order by table_name`.execute(raw);
  const { rows: keys } = await sql<{ table: string; column: string; type: string }>`
    select tc.table_name as table, kcu.column_name as column, col.udt_name as type
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.columns col on col.table_schema = kcu.table_schema and col.table_name = kcu.table_name
      and col.column_name = kcu.column_name
    where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
    order by tc.table_name, kcu.ordinal_position`.execute(raw);
  // from the catalog, so a column a later migration generates is known without a list to keep
  const { rows: columns } = await sql<{ table: string; column: string; identity: boolean; generated: boolean }>`
    select cl.relname as table, att.attname as column, att.attidentity <> '' as identity, att.attgenerated <> '' as generated
    from pg_attribute att
    join pg_class cl on cl.oid = att.attrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    where ns.nspname = 'public' and cl.relkind = 'r' and att.attnum > 0 and not att.attisdropped
    order by cl.relname, att.attnum`.execute(raw);
  const { rows: fks } = await sql<{ table: string; column: string; references: string }>`
    select cl.relname as table, att.attname as column, ref.relname as references
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class ref on ref.oid = con.confrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    join lateral unnest(con.conkey) as k(attnum) on true
    join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum
    where con.contype = 'f' and ns.nspname = 'public'`.execute(raw);

  const infos = new Map<string, TableInfo>();
  for (const { name } of tables) infos.set(name, { name, primaryKey: [], primaryKeyTypes: [], identity: [], generated: [], writable: [], selfReferences: [] });
  for (const k of keys) {
    infos.get(k.table)?.primaryKey.push(k.column);
    infos.get(k.table)?.primaryKeyTypes.push(k.type);
  }
  for (const c of columns) {
    const info = infos.get(c.table);
    if (!info) continue;
    if (c.identity) info.identity.push(c.column);
    if (c.generated) info.generated.push(c.column);
    else info.writable.push(c.column);
  }
  const dependsOn = new Map<string, Set<string>>([...infos.keys()].map((n) => [n, new Set<string>()]));
  for (const fk of fks) {
    if (fk.table === fk.references) infos.get(fk.table)?.selfReferences.push(fk.column);
    else dependsOn.get(fk.table)?.add(fk.references);
  }
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const dep of dependsOn.get(name) ?? []) visit(dep, path);
    done.add(name);
    const info = infos.get(name);
    if (info) ordered.push(info);
  };
  for (const name of infos.keys()) visit(name, new Set());
  return ordered;
}
