import { describe, expect, it } from 'vitest';
import { csvSeparator, toCsv } from './csv.ts';

describe('CSV for the reader’s spreadsheets', () => {
  it('splits on `;` where spreadsheets use the decimal comma (ro, pl, hu, uk) and on `,` in English', () => {
    expect(['ro', 'pl', 'hu', 'uk', 'ro-RO'].map(csvSeparator)).toEqual([';', ';', ';', ';', ';']);
    expect(['en', 'en-GB'].map(csvSeparator)).toEqual([',', ',']);
  });

  it('writes a BOM, the separator asked for, and quotes cells holding either separator, quotes or line breaks', () => {
    const rows = [
      ['Nume', 'Oraș', 'Valoare'],
      ['Brașov Trans SRL', 'Brașov', '1.234,50'],
      ['Gama "X"; SRL', 'Cluj\nNapoca', '7'],
    ];
    expect(toCsv(rows, ';')).toBe('\ufeffNume;Oraș;Valoare\r\nBrașov Trans SRL;Brașov;"1.234,50"\r\n"Gama ""X""; SRL";"Cluj\nNapoca";7\r\n');
    expect(toCsv(rows, ',')).toBe('\ufeffNume,Oraș,Valoare\r\nBrașov Trans SRL,Brașov,"1.234,50"\r\n"Gama ""X""; SRL","Cluj\nNapoca",7\r\n');
    expect(toCsv([['a']])).toBe('\ufeffa\r\n');
  });
});
