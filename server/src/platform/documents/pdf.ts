import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

// DejaVu covers Romanian (ș ț ă â î), Polish (ą ć ę ł ń ó ś ź ż), Hungarian (ő ű) and Cyrillic.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = { regular: join(fontDir, 'DejaVuSans.ttf'), bold: join(fontDir, 'DejaVuSans-Bold.ttf') };

/** An A4 document with the fonts registered as 'regular' and 'bold'. */
export function newPdf(info: { title: string; author?: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: info.title, Author: info.author ?? 'Kontakt CRM' } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.font('regular');
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A simple table: header row in bold, rows wrapped, new pages as needed (header repeated). */
export function drawTable(doc: PDFKit.PDFDocument, columns: TableColumn[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const line = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 6 }));
    const h = Math.max(12, ...heights) + 4;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (font === 'regular') line(columns.map((c) => c.header), 'bold');
      doc.font(font).fontSize(9);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      doc.text(cell, x + 3, y + 2, { width: col.width - 6, align: col.align ?? 'left' });
      x += col.width;
    });
    doc.y = y + h;
    doc.moveTo(left, doc.y).lineTo(x, doc.y).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = left;
  };
  line(columns.map((c) => c.header), 'bold');
  for (const row of rows) line(row, 'regular');
  doc.font('regular');
}
