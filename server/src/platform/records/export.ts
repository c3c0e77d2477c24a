import { PassThrough, pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { type Labels, type Language, labelsFor, languageOf } from '../i18n/labels.ts';
import type { EntityDescriptor, RecordRow } from './descriptor.ts';
import { fetchPage, type PreparedQuery, prepareQuery } from './query.ts';

export type ExportFormat = 'csv' | 'xlsx';
export type CsvSeparator = ',' | ';';
const PAGE = 1000;

// Spreadsheet apps set to these languages use the decimal comma, so they split CSV on `;`
const SEMICOLON_LANGUAGES: readonly Language[] = ['ro', 'pl', 'hu', 'uk'];

/** The separator a spreadsheet app in this language splits CSV on. */
export function csvSeparatorFor(language: Language): CsvSeparator {
  return SEMICOLON_LANGUAGES.includes(language) ? ';' : ',';
}

interface Column {
  key: string;
  /** The field's label in the reader's language, as the web app shows it. */
  header: string;
  type: string;
  get(row: RecordRow): unknown;
}

function exportColumns(prepared: PreparedQuery, labels: Labels): Column[] {
  const entity = prepared.entity.name;
  const cols: Column[] = prepared.columns.map((f) => ({
    key: f.name,
    header: labels.field(entity, f),
    type: f.type,
    // fixed values (statuses, kinds) as the reader reads them, not their codes
    get: f.values?.length
      ? (r) => (typeof r[f.name] === 'string' ? labels.value(entity, f.name, r[f.name] as string) : r[f.name])
      : (r) => r[f.name],
  }));
  if (prepared.includeCustom) {
    for (const def of prepared.customFields) {
      cols.push({
        key: `custom.${def.key}`,
        header: labels.custom(def),
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
const NUMBER_TYPES = new Set(['money', 'number', 'integer']);
function csvCell(type: string, value: unknown, labels: Labels, separator: CsvSeparator): string | number | null {
  const v = plain(value);
  if (typeof v === 'boolean') return v ? labels.yes : labels.no;
  // where `;` separates, the decimal comma is what the spreadsheet reads as a number
  if (separator === ';' && NUMBER_TYPES.has(type) && NUMERIC.test(String(v))) return String(v).replace('.', ',');
  if (typeof v === 'string' && FORMULA.test(v) && !NUMERIC.test(v)) return `'${v}`;
  return v;
}

function xlsxCell(type: string, value: unknown): string | number | boolean | null {
  const v = plain(value);
  if ((type === 'money' || type === 'number') && typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return v;
}

/**
 * Streams the rows the actor may export (filter and sort as in lists) as CSV or XLSX (exceljs
 * streaming writer), with headers and fixed values in the reader's language (the user's, unless
 * another is asked). CSV: UTF-8 BOM so Excel reads diacritics, the separator of the language's
 * spreadsheets (`;` and decimal commas for ro, pl, hu, uk; `,` for en) unless one is chosen, cells
 * with separators, quotes or newlines quoted. Requires the 'export' permission on the entity's area.
 */
export async function exportRecords(
  db: Kysely<DB>,
  actor: Actor,
  entity: EntityDescriptor,
  params: { filter?: unknown; sort?: string; q?: string; format: ExportFormat; language?: Language; separator?: CsvSeparator },
): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  const prepared = await prepareQuery(db, actor, entity, { filter: params.filter, sort: params.sort, q: params.q }, 'export');
  const labels = labelsFor(params.language ?? languageOf(actor.locale));
  const columns = exportColumns(prepared, labels);
  const stamp = new Date().toISOString().slice(0, 10);
  if (params.format === 'csv') {
    const separator = params.separator ?? csvSeparatorFor(labels.language);
    const csv = stringify({
      bom: true,
      header: true,
      delimiter: separator,
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      quoted_match: /[;,\r\n"]/,
    });
    const rows = Readable.from(
      (async function* () {
        for await (const row of allRows(db, prepared)) {
          const out: Record<string, unknown> = {};
          for (const c of columns) out[c.key] = csvCell(c.type, c.get(row), labels, separator);
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
