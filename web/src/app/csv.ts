export type CsvSeparator = ',' | ';';

// Spreadsheet apps set to these languages use the decimal comma, so they split CSV on `;`
const SEMICOLON_LANGUAGES = ['ro', 'pl', 'hu', 'uk'];

/** The separator a spreadsheet app in this language splits CSV on (`;` for ro, pl, hu, uk; `,` for en). */
export function csvSeparator(language: string): CsvSeparator {
  return SEMICOLON_LANGUAGES.includes(language.slice(0, 2)) ? ';' : ',';
}

/** RFC 4180 CSV (quotes doubled, cells with either separator, quotes or line breaks quoted), with a BOM so Excel reads UTF-8. */
export function toCsv(rows: string[][], separator: CsvSeparator = ','): string {
  const cell = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\ufeff${rows.map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`;
}

/** Offers text to the browser as a file download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
