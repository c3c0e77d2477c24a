import { Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';

/** Text encodings an import reads: Unicode, Central European (Windows-1250) and Cyrillic (Windows-1251). */
export const ENCODINGS = ['utf-8', 'utf-16le', 'windows-1250', 'windows-1251'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type ImportFormat = 'csv' | 'xlsx';

/** More columns than this is not a table of partners: the file is refused with a clear message. */
export const MAX_COLUMNS = 500;
/** Longest cell (characters) and line read; longer ones are a broken file, not data. */
const MAX_RECORD_CHARS = 1_000_000;

/** A cell as read: text from CSV; text, number, boolean or date from XLSX. */
export type Cell = string | number | boolean | Date | null;

/** The byte-order marks and, without one, strict UTF-8; else Cyrillic when most letters are high bytes. */
export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    // not UTF-8: a Windows code page
  }
  let high = 0;
  let letters = 0;
  for (const byte of head) {
    if (byte >= 0xc0) high++;
    if ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte >= 0xc0) letters++;
  }
  // in Windows-1251 the Cyrillic letters are 0xC0–0xFF; in Windows-1250 only the diacritics are high
  return letters > 0 && high / letters > 0.3 ? 'windows-1251' : 'windows-1250';
}

/** The delimiter that splits the first lines into the same, largest number of cells. */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
    // quoted parts do not count
    .map((l) => l.replace(/"[^"]*"/g, '""'));
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.split(d).length - 1);
    if (!counts[0]) continue;
    const agreeing = counts.filter((c) => c === counts[0]).length;
    const score = agreeing * 1000 + counts[0];
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function formatOf(fileName: string, head: Buffer): ImportFormat {
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(fileName)) {
    if (!zip) throw new AppError('VALIDATION', 'The file is named .xlsx but is not an Excel workbook', { errors: [{ path: 'file', message: 'import.errors.notXlsx' }] });
    return 'xlsx';
  }
  if (head.includes(0) && !(head[0] === 0xff && head[1] === 0xfe)) {
    throw new AppError('VALIDATION', 'The file is neither CSV text nor an Excel workbook (.xlsx)', { errors: [{ path: 'file', message: 'import.errors.format' }] });
  }
  return 'csv';
}

/** Decodes a byte stream in the given encoding (a Windows code page or Unicode) into text. */
function decoder(encoding: Encoding): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}

/** A problem with the file as a whole (not one row): nothing is imported and the user is told where. */
export function fileProblem(message: string, key: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', message, { errors: [{ path: 'file', message: key }], details });
}

function csvProblem(error: CsvError): AppError {
  const line = (error as unknown as { lines?: number }).lines;
  const where = line ? ` at line ${line}` : '';
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return fileProblem(`A quoted cell is never closed${where}`, 'import.errors.quote', { line });
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return fileProblem(`A quote is followed by other characters${where}`, 'import.errors.quote', { line });
  if (error.code === 'CSV_MAX_RECORD_SIZE') return fileProblem(`A line is longer than ${MAX_RECORD_CHARS} characters${where}`, 'import.errors.lineTooLong', { line });
  return fileProblem(`The CSV file cannot be read${where}: ${error.message}`, 'import.errors.csv', { line });
}

async function* csvRows(content: Readable, encoding: Encoding, delimiter: Delimiter): AsyncGenerator<Cell[]> {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const source = content.pipe(decoder(encoding));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(error);
    throw error;
  } finally {
    content.destroy();
  }
}

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return typeof value.text === 'string' ? value.text : String(value.text);
    if ('result' in value) return xlsxCell(value.result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return String(value);
}

async function* xlsxRows(content: Readable): AsyncGenerator<Cell[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(content, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        // row.values is 1-based; keep blank cells as null so columns stay in place
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => xlsxCell(values[i + 1]));
        if (cells.some((c) => c !== null && c !== '')) yield cells;
      }
      // the first worksheet only
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileProblem(`The workbook cannot be read: ${(error as Error).message}`, 'import.errors.xlsx');
  } finally {
    content.destroy();
  }
}

export interface ReadOptions {
  format: ImportFormat;
  encoding: Encoding;
  delimiter: Delimiter;
}

/**
 * The rows of an import file, the header first. Refuses a header wider than MAX_COLUMNS; data
 * rows are cut to the header's width (cells beyond it have no column to go to).
 */
export async function* readRows(content: Readable, options: ReadOptions): AsyncGenerator<Cell[]> {
  const rows = options.format === 'xlsx' ? xlsxRows(content) : csvRows(content, options.encoding, options.delimiter);
  let width = -1;
  for await (const row of rows) {
    if (width < 0) {
      if (row.length > MAX_COLUMNS) {
        throw fileProblem(`The file has ${row.length} columns; at most ${MAX_COLUMNS} can be imported`, 'import.errors.tooManyColumns', {
          columns: row.length,
          max: MAX_COLUMNS,
        });
      }
      width = row.length;
      yield row;
    } else yield row.length > width ? row.slice(0, width) : row;
  }
}

/** Reads the whole of a small buffer as a stream (tests, previews of uploads kept in memory). */
export const streamOf = (content: Buffer): Readable => Readable.from([content]);
