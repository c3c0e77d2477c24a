import ExcelJS from 'exceljs';

/** A multipart/form-data body with one file field, for app.inject(). */
export function multipartFile(fileName: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----kontakt${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Text in a single-byte Windows code page (built from the platform's own decoder, so it is the real table). */
export function encodeCodePage(text: string, encoding: 'windows-1250' | 'windows-1251'): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from(
    [...text].map((c) => {
      const byte = table.get(c);
      if (byte === undefined) throw new Error(`${c} is not in ${encoding}`);
      return byte;
    }),
  );
}

/** An .xlsx workbook with one sheet of these rows, written by a real spreadsheet library. */
export async function xlsxFile(rows: (string | number | Date | boolean | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Parteneri');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
