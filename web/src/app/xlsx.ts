import { ApiError } from './api.ts';

export interface XlsxTable {
  name: string;
  columns: { header: string; numeric?: boolean }[];
  rows: (string | number | null)[][];
}

/**
 * Downloads report tables (as shown, headers in the reader's language) as one XLSX workbook, a sheet
 * per table; the server writes it and checks the export permission of the report's area.
 */
export async function downloadXlsx(area: 'activities' | 'sales', fileName: string, tables: XlsxTable[]): Promise<void> {
  const response = await fetch('/api/v1/reports/xlsx', {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json' },
    body: JSON.stringify({ area, fileName, tables }),
  });
  if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))) as Record<string, unknown>);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `${fileName}.xlsx`;
  document.body.append(link);
  link.click();
  link.remove();
  // outside the click's own task the browser reads the blob later: keep it a while
  const href = link.href;
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
