import { PassThrough, pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import type { EntityDescriptor, RecordRow } from './descriptor.ts';
import { fetchPage, type PreparedQuery, prepareQuery } from './query.ts';

export type ExportFormat = 'csv' | 'xlsx';
const PAGE = 1000;

interface Column {
  key: string;
  header: string;
  type: string;
  get(row: RecordRow): unknown;
}

function exportColumns(prepared: PreparedQuery): Column[] {
  const cols: Column[] = prepared.columns.map((f) => ({ key: f.name, header: f.name, type: f.type, get: (r) => r[f.name] }));
  if (prepared.includeCustom) {
    for (const def of prepared.customFields) {
      cols.push({
        key: `custom.${def.key}`,
        header: `custom.${def.key}`,
        type: def.type,
        get: (r) => (r.custom as Record<string, unknown> | undefined)?.[def.key],
      });
    }
  }
  return cols;
}

/** Every matching row, read in keyset pages so the export never holds the whole table in memory. */
async function* allRows(db: Kysely<DB>, prepared: PreparedQuery): AsyncGenerator<RecordRow> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(db, prepared, cursor, PAGE);
    yield* page.rows;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function plain(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

// Spreadsheet apps execute cells starting with = + - @ as formulas; text cells get a leading quote.
const FORMULA = /^[=+\-@\t\r]/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
function csvCell(value: unknown): string | number | boolean | null {
  const v = plain(value);
  if (typeof v === 'string' && FORMULA.test(v) && !NUMERIC.test(v)) return `'${v}`;
  return v;
}

function xlsxCell(type: string, value: unknown): string | number | boolean | null {
  const v = plain(value);
  if ((type === 'money' || type === 'number') && typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return v;
}

/**
 * Streams the rows the actor may export (filter and sort as in lists) as CSV (UTF-8 BOM, fields
 * with separators, quotes or newlines quoted, `;` too for locales whose spreadsheets split on it)
 * or XLSX (exceljs streaming writer). Requires the 'export' permission on the entity's area.
 */
export async function exportRecords(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  params: { filter?: unknown; sort?: string; q?: string; format: ExportFormat },
): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  const prepared = await prepareQuery(db, actor, entity, { filter: params.filter, sort: params.sort, q: params.q }, 'export');
  const columns = exportColumns(prepared);
  const stamp = new Date().toISOString().slice(0, 10);
  if (params.format === 'csv') {
    const csv = stringify({
      bom: true,
      header: true,
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      quoted_match: /[;\r\n"]/,
      cast: { boolean: (b) => (b ? 'true' : 'false') },
    });
    const rows = Readable.from(
      (async function* () {
        for await (const row of allRows(db, prepared)) {
          const out: Record<string, unknown> = {};
          for (const c of columns) out[c.key] = csvCell(c.get(row));
          yield out;
        }
      })(),
    );
    const stream = pipeline(rows, csv, () => {});
    return { stream, contentType: 'text/csv; charset=utf-8', fileName: `${entity.resource}-${stamp}.csv` };
  }

  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(entity.resource);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: 20 }));
  void (async () => {
    try {
      for await (const row of allRows(db, prepared)) {
        const values: Record<string, unknown> = {};
        for (const c of columns) values[c.key] = xlsxCell(c.type, c.get(row));
        sheet.addRow(values).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return {
    stream: out,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${entity.resource}-${stamp}.xlsx`,
  };
}
