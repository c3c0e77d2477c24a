import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { CsvReader, type Delimiter, type FileRow } from './read-file.ts';

/** All rows of a text, fed in pieces of `size` characters (1: every boundary a stream may cut at). */
function read(text: string, delimiter: Delimiter = ';', size = text.length): FileRow[] {
  const reader = new CsvReader(delimiter);
  const rows: FileRow[] = [];
  for (let i = 0; i < text.length; i += size) rows.push(...reader.push(text.slice(i, i + size)));
  rows.push(...reader.push('', true));
  return rows;
}

/** The same rows whatever the pieces the text comes in. */
function readEveryWay(text: string, delimiter: Delimiter = ';'): FileRow[] {
  const whole = read(text, delimiter);
  for (const size of [1, 2, 3, 7]) expect(read(text, delimiter, size)).toEqual(whole);
  return whole;
}

const notClosed = (column: number) => ({ column, message: 'import.errors.quoteNotClosed' });

describe('reading CSV rows, with quotes left open', () => {
  it('reads a quote left open past the end of its line as one unreadable row, and every row after it', () => {
    const rows = readEveryWay(['Nume;Oraș;Țara', 'Alfa;Cluj;RO', '"Ghilimele rupte SRL;Cluj;RO', 'Beta;Sibiu;RO', '"Gama ""X""";Arad;RO', ''].join('\n'));
    expect(rows).toEqual([
      { cells: ['Nume', 'Oraș', 'Țara'] },
      { cells: ['Alfa', 'Cluj', 'RO'] },
      { cells: ['"Ghilimele rupte SRL', 'Cluj', 'RO'], problem: notClosed(0) },
      { cells: ['Beta', 'Sibiu', 'RO'] },
      { cells: ['Gama "X"', 'Arad', 'RO'] },
    ]);
  });

  it('keeps quoted cells holding line breaks (LF, CRLF, CR) when they close on a line with the right number of cells', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['\ufeffNume;Adresă;Țara', `"Delta";"Str. 1${eol}Bloc A; ap. 3";RO`, `Zeta;"a${eol}${eol}""b""";RO;;`, `"x${eol}y";z`, 'Eta;Iași;RO'].join(eol);
      expect(readEveryWay(text), JSON.stringify(eol)).toEqual([
        { cells: ['Nume', 'Adresă', 'Țara'] },
        { cells: ['Delta', `Str. 1${eol}Bloc A; ap. 3`, 'RO'] },
        // empty cells past the header's width do not count against it
        { cells: ['Zeta', `a${eol}${eol}"b"`, 'RO', '', ''] },
        // two cells where the header has three: the quote on the first line was left open
        { cells: ['"x'], problem: notClosed(0) },
        { cells: ['y"', 'z'] },
        { cells: ['Eta', 'Iași', 'RO'] },
      ]);
    }
  });

  it('takes a quote later in the file for the closing one only when it is followed by the delimiter or the line end', () => {
    const text = ['Nume;Oraș;Țara', 'Alfa;"Cluj;RO', 'Asociația "Speranța";Cluj;RO', 'Beta;Sibiu;"RO"', 'Gama;Arad;RO'].join('\n');
    expect(readEveryWay(text)).toEqual([
      { cells: ['Nume', 'Oraș', 'Țara'] },
      { cells: ['Alfa', '"Cluj', 'RO'], problem: notClosed(1) },
      // a quote inside a cell that does not begin with one is text
      { cells: ['Asociația "Speranța"', 'Cluj', 'RO'] },
      { cells: ['Beta', 'Sibiu', 'RO'] },
      { cells: ['Gama', 'Arad', 'RO'] },
    ]);
  });

  it('reports a quote that never closes on the last line, and text after a closing quote, without losing other rows', () => {
    expect(readEveryWay('Nume,Oraș\nAlfa,Cluj\n"Beta,Sibiu', ',')).toEqual([
      { cells: ['Nume', 'Oraș'] },
      { cells: ['Alfa', 'Cluj'] },
      { cells: ['"Beta', 'Sibiu'], problem: notClosed(0) },
    ]);
    expect(readEveryWay('Nume,Oraș\n"Alfa" SRL,Cluj\n"Beta"  ,Sibiu\n', ',')).toEqual([
      { cells: ['Nume', 'Oraș'] },
      { cells: ['"Alfa" SRL', 'Cluj'], problem: { column: 0, message: 'import.errors.quoteFollowed' } },
      // spaces after a closing quote are not text after it
      { cells: ['Beta', 'Sibiu'] },
    ]);
  });

  it('skips blank lines and rows of empty cells; tab-separated files read the same way', () => {
    expect(readEveryWay('Nume\tOraș\r\n\r\n\t\r\n"A\tB"\t"C\r\nD"\r\n', '\t')).toEqual([
      { cells: ['Nume', 'Oraș'] },
      { cells: ['A\tB', 'C\r\nD'] },
    ]);
  });

  it('refuses the file when the header leaves a quote open, naming the line', () => {
    const problem = (() => {
      try {
        read('\n"Nume;Oraș\nAlfa;Cluj\n');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(problem).toBeInstanceOf(AppError);
    expect(problem).toMatchObject({ message: 'A quoted cell is never closed at line 2', details: { line: 2 } });
  });

  it('gives up on a quote still open after a million characters: that line is unreadable, the rest is read', () => {
    const long = 'x'.repeat(600_000);
    const text = ['Nume;Note', `"Alfa;${long}`, `Beta;${long}`, 'Gama;scurt'].join('\n');
    const rows = read(text, ';', 64 * 1024);
    expect(rows.map((r) => [r.cells[0], r.problem?.message])).toEqual([
      ['Nume', undefined],
      ['"Alfa', 'import.errors.quoteNotClosed'],
      ['Beta', undefined],
      ['Gama', undefined],
    ]);
  });
});
