import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { assign, missingRequired, percent, rejectedCsv, toCommaBelow, toCsv } from './import-logic.ts';

const t = ((key: string, options?: Record<string, unknown>) => (options?.row ? `${key}(${options.row})` : key)) as unknown as TFunction;

describe('import screen logic', () => {
  it('writes Romanian ş ţ (cedilla) as ș ț (comma below), and nothing else differently', () => {
    expect(toCommaBelow('Şcoala Ţesătorilor din Timişoara, Constanţa')).toBe('Școala Țesătorilor din Timișoara, Constanța');
    expect(toCommaBelow('Karaş Çağ Łódź Ștefan')).toBe('Karaș Çağ Łódź Ștefan');
  });

  it('gives each field to one column only', () => {
    expect(assign(['name', 'city', null], 2, 'name')).toEqual([null, 'city', 'name']);
    expect(assign(['name', 'city', null], 1, null)).toEqual(['name', null, null]);
  });

  it('names the required fields no column goes to', () => {
    const targets = [
      { key: 'name', type: 'string', required: true },
      { key: 'city', type: 'string', required: false },
    ];
    expect(missingRequired(targets, [null, 'city'])).toEqual(['name']);
    expect(missingRequired(targets, ['name', null])).toEqual([]);
  });

  it('reports progress as a share of the rows', () => {
    expect(percent({ processedRows: 250, totalRows: 1000 })).toBe(25);
    expect(percent({ processedRows: 0, totalRows: null })).toBe(0);
  });

  it('writes rejected rows as CSV a spreadsheet reads back: quotes, commas and line breaks kept', () => {
    const csv = rejectedCsv(t, ['Nume', 'CUI'], [
      { rowNumber: 4, reason: 'invalid', messages: [{ column: 'CUI', field: 'taxId', message: 'validation.taxId.checksum' }], cells: ['Firma "Bună", SRL', 'RO1'] },
      { rowNumber: 6, reason: 'duplicate', messages: [{ field: '2', message: 'import.errors.duplicateRow' }], cells: ['Alfa\nBeta', ''] },
    ]);
    expect(csv).toBe(
      '\ufeffNume,CUI,import.row,import.reason,import.messages\r\n' +
        '"Firma ""Bună"", SRL",RO1,4,import.reasons.invalid,CUI: validation.taxId.checksum\r\n' +
        '"Alfa\nBeta",,6,import.reasons.duplicate,import.errors.duplicateRow(2)\r\n',
    );
    expect(toCsv([['a']])).toBe('\ufeffa\r\n');
  });
});
