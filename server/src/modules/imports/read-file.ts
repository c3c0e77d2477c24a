import { Readable } from 'node:stream';
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

/** A problem with the file as a whole (not one row): nothing is imported and the user is told where. */
export function fileProblem(message: string, key: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', message, { errors: [{ path: 'file', message: key }], details });
}

/** Why a line could not be read as a row: a quote left open past the end of its line, or a closing quote with text after it. */
export type RowProblemKey = 'import.errors.quoteNotClosed' | 'import.errors.quoteFollowed';

/** A row as read: its cells; a line that could not be read carries its problem and the column where it lies. */
export interface FileRow {
  cells: Cell[];
  problem?: { column: number; message: RowProblemKey };
}

type Parsed =
  | { kind: 'record'; cells: string[]; next: number; firstBreak: number; breakColumn: number }
  | { kind: 'broken'; column: number; message: RowProblemKey; lineEnd: number; firstBreak: number };

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

const LINE_BREAK = /[\r\n]/g;
/** The first line break in buf[from, to), or -1. */
function breakIn(buf: string, from: number, to: number): number {
  LINE_BREAK.lastIndex = from;
  const found = LINE_BREAK.exec(buf);
  return found && found.index < to ? found.index : -1;
}

const CELL_ENDS = new Map(DELIMITERS.map((d) => [d, new RegExp(`[${d}\\r\\n]`, 'g')]));
/** Where an unquoted cell from `from` ends: the delimiter, a line break, or the end of the text. */
function cellEnd(buf: string, from: number, delimiter: Delimiter): number {
  const pattern = CELL_ENDS.get(delimiter)!;
  pattern.lastIndex = from;
  const found = pattern.exec(buf);
  return found ? found.index : buf.length;
}

/** Where the line that starts at `lineBreak` (a CR, LF or CRLF) ends: the start of the next line. */
const afterBreak = (buf: string, lineBreak: number) => (buf[lineBreak] === '\r' && buf[lineBreak + 1] === '\n' ? lineBreak + 2 : lineBreak + 1);

/**
 * One record of CSV text from `start`: cells separated by the delimiter, ending at a line break (CR,
 * LF or CRLF) outside quotes. A cell that begins with a quote runs to its closing quote (a doubled
 * quote inside is one quote) and may hold line breaks; spaces after the closing quote are ignored.
 * A quote inside a cell that does not begin with one is an ordinary character. Answers null when
 * the text ends before the record does and more is coming (`final` false).
 */
function parseRecord(buf: string, start: number, delimiter: Delimiter, final: boolean): Parsed | null {
  const cells: string[] = [];
  let i = start;
  // the first line break inside a quoted cell: where a quote left open would have ended its line
  let firstBreak = -1;
  let breakColumn = -1;
  for (;;) {
    if (buf[i] === '"') {
      const column = cells.length;
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = buf.indexOf('"', from);
        const end = quote < 0 ? buf.length : quote;
        if (firstBreak < 0) {
          const b = breakIn(buf, from, end);
          if (b >= 0) {
            firstBreak = b;
            breakColumn = column;
          }
        }
        if (quote < 0) {
          if (!final) return null;
          return { kind: 'broken', column: breakColumn >= 0 ? breakColumn : column, message: 'import.errors.quoteNotClosed', lineEnd: firstBreak, firstBreak };
        }
        value += buf.slice(from, quote);
        if (quote + 1 >= buf.length && !final) return null;
        if (buf[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        let after = quote + 1;
        while (buf[after] === ' ' || (buf[after] === '\t' && delimiter !== '\t')) after++;
        if (after >= buf.length && !final) return null;
        if (after >= buf.length || buf[after] === delimiter || isBreak(buf[after])) {
          i = after;
          break;
        }
        // text after a closing quote: on a later line the quote was left open where it began
        if (firstBreak >= 0) return { kind: 'broken', column: breakColumn, message: 'import.errors.quoteNotClosed', lineEnd: firstBreak, firstBreak };
        return { kind: 'broken', column, message: 'import.errors.quoteFollowed', lineEnd: breakIn(buf, after, buf.length), firstBreak };
      }
      cells.push(value);
    } else {
      const end = cellEnd(buf, i, delimiter);
      if (end >= buf.length && !final) return null;
      cells.push(buf.slice(i, end));
      i = end;
    }
    if (i >= buf.length) return { kind: 'record', cells, next: i, firstBreak, breakColumn };
    if (buf[i] === delimiter) {
      i++;
      continue;
    }
    // a line break ends the record (a CR at the end of what has come may be half of a CRLF)
    if (buf[i] === '\r' && i + 1 >= buf.length && !final) return null;
    return { kind: 'record', cells, next: afterBreak(buf, i), firstBreak, breakColumn };
  }
}

const blank = (cell: string) => cell.trim() === '';

/** Line breaks in buf[from, to) (CRLF counts once): how many lines a record took. */
function linesIn(buf: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (buf[i] === '\n' || (buf[i] === '\r' && buf[i + 1] !== '\n')) n++;
  return n;
}

/**
 * Rows of CSV text fed in pieces. The rule for quotes (what a person means, not only what RFC 4180 says):
 *
 * - A cell that begins with a quote may hold line breaks (Excel writes them so). Such a row is taken
 *   whole only when it ends properly: its closing quote is followed by the delimiter or the end of the
 *   line, and the row then has as many cells as the header (more only when the extra ones are empty).
 * - Otherwise — the quote never closes, a later quote is followed by other text, or the row comes out
 *   with another number of cells — the quote was left open past the end of its line: that line alone
 *   is a row that cannot be read (its cells split at the delimiter as they stand, the column where the
 *   quote opened, the reason), and reading goes on with the next line as if the quote were not there.
 *   So a stray quote costs one row, never the rows after it.
 * - A closing quote followed by other text on the same line makes that line unreadable the same way.
 * - A quote inside a cell that does not begin with one is an ordinary character.
 * - A row that opens a quote and still has not closed it after MAX_RECORD_CHARS is a quote left open.
 * The header has no row to compare with: a quote left open there makes the whole file unreadable.
 */
export class CsvReader {
  private buf = '';
  private pos = 0;
  private started = false;
  /** The line where the next row begins, for problems of the whole file. */
  private line = 1;
  /** Cells of the header; -1 before it is read. */
  private width = -1;

  private readonly delimiter: Delimiter;

  constructor(delimiter: Delimiter) {
    this.delimiter = delimiter;
  }

  /** Takes the next piece of text (final: the last one) and gives the rows now complete. */
  *push(text: string, final = false): Generator<FileRow> {
    this.buf = this.buf.slice(this.pos) + text;
    this.pos = 0;
    if (!this.started && this.buf.length) {
      this.started = true;
      if (this.buf.charCodeAt(0) === 0xfeff) this.buf = this.buf.slice(1);
    }
    while (this.pos < this.buf.length) {
      const force = final || this.buf.length - this.pos > MAX_RECORD_CHARS;
      const parsed = parseRecord(this.buf, this.pos, this.delimiter, force);
      if (!parsed) return;
      if (parsed.kind === 'record') {
        const tooLong = parsed.next - this.pos > MAX_RECORD_CHARS;
        if (tooLong && parsed.firstBreak < 0) throw lineTooLong(this.line);
        const fits = parsed.cells.length === this.width || (parsed.cells.length > this.width && parsed.cells.slice(this.width).every(blank));
        if (tooLong || (parsed.firstBreak >= 0 && this.width >= 0 && !fits)) {
          const row = this.unreadableLine(parsed.firstBreak, parsed.breakColumn, 'import.errors.quoteNotClosed', final);
          if (!row) return;
          yield row;
          continue;
        }
        this.line += parsed.firstBreak >= 0 ? linesIn(this.buf, this.pos, parsed.next) : 1;
        this.pos = parsed.next;
        if (parsed.cells.every(blank)) continue;
        if (this.width < 0) this.width = parsed.cells.length;
        yield { cells: parsed.cells };
      } else {
        const row = this.unreadableLine(parsed.lineEnd, parsed.column, parsed.message, force);
        if (!row) return;
        yield row;
      }
    }
  }

  /** The line from the current position to `lineEnd` (-1: to the end of the text) as a row that cannot be read; null: wait for more text. */
  private unreadableLine(lineEnd: number, column: number, message: RowProblemKey, final: boolean): FileRow | null {
    if (lineEnd < 0 && !final) return null;
    const end = lineEnd < 0 ? this.buf.length : lineEnd;
    if (end - this.pos > MAX_RECORD_CHARS) throw lineTooLong(this.line);
    if (this.width < 0) {
      throw message === 'import.errors.quoteNotClosed'
        ? fileProblem(`A quoted cell is never closed at line ${this.line}`, 'import.errors.quote', { line: this.line })
        : fileProblem(`A quote is followed by other characters at line ${this.line}`, 'import.errors.quote', { line: this.line });
    }
    // a CR at the end of what has come may be half of a CRLF
    if (lineEnd >= 0 && this.buf[lineEnd] === '\r' && lineEnd + 1 >= this.buf.length && !final) return null;
    const cells = this.buf.slice(this.pos, end).split(this.delimiter);
    this.pos = lineEnd < 0 ? this.buf.length : afterBreak(this.buf, lineEnd);
    this.line++;
    return { cells, problem: { column, message } };
  }
}

const lineTooLong = (line: number) =>
  fileProblem(`A line is longer than ${MAX_RECORD_CHARS} characters at line ${line}`, 'import.errors.lineTooLong', { line });

async function* csvRows(content: Readable, encoding: Encoding, delimiter: Delimiter): AsyncGenerator<FileRow> {
  const reader = new CsvReader(delimiter);
  const text = new TextDecoder(encoding);
  try {
    for await (const chunk of content) yield* reader.push(text.decode(chunk as Buffer, { stream: true }));
    yield* reader.push(text.decode(), true);
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

async function* xlsxRows(content: Readable): AsyncGenerator<FileRow> {
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
        if (cells.some((c) => c !== null && c !== '')) yield { cells };
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
 * rows are cut to the header's width (cells beyond it have no column to go to). A CSV line that
 * cannot be read (see CsvReader) comes as a row with its problem, in its place among the others.
 */
export async function* readRows(content: Readable, options: ReadOptions): AsyncGenerator<FileRow> {
  const rows = options.format === 'xlsx' ? xlsxRows(content) : csvRows(content, options.encoding, options.delimiter);
  let width = -1;
  for await (const row of rows) {
    if (width < 0) {
      if (row.cells.length > MAX_COLUMNS) {
        throw fileProblem(`The file has ${row.cells.length} columns; at most ${MAX_COLUMNS} can be imported`, 'import.errors.tooManyColumns', {
          columns: row.cells.length,
          max: MAX_COLUMNS,
        });
      }
      width = row.cells.length;
      yield row;
    } else yield row.cells.length > width ? { ...row, cells: row.cells.slice(0, width) } : row;
  }
}

/** Reads the whole of a small buffer as a stream (tests, previews of uploads kept in memory). */
export const streamOf = (content: Buffer): Readable => Readable.from([content]);
