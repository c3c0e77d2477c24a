import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { requireActor, requirePermission } from '../../platform/access/guard.ts';

/** Areas whose report screens export through here; the actor needs their 'export' permission. */
export const REPORT_AREAS = ['activities', 'sales'] as const;

export interface ReportTable {
  name: string;
  columns: { header: string; numeric?: boolean | undefined }[];
  rows: (string | number | null)[][];
}

/**
 * A report already computed for the actor (with headers in the reader's language) as an XLSX
 * workbook, one sheet per table. Cells are written as values, never as formulas; numeric columns
 * become numbers so spreadsheets can sum them.
 */
export async function reportWorkbook(actor: Actor, area: (typeof REPORT_AREAS)[number], tables: ReportTable[]): Promise<Buffer> {
  requirePermission(actor, area, 'export');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kontakt CRM';
  const used = new Set<string>();
  for (const table of tables) {
    // sheet names: at most 31 characters, none of : \ / ? * [ ], unique
    let name = table.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${name.slice(0, 27)} (${i})`;
    used.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name);
    sheet.columns = table.columns.map((c) => ({ header: c.header, width: Math.min(40, Math.max(12, c.header.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(
        table.columns.map((c, i) => {
          const v = row[i] ?? null;
          if (c.numeric && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
          return v;
        }),
      );
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cell = z.union([z.string().max(2000), z.number(), z.null()]);

/** POST /reports/xlsx: the table on a report screen as a spreadsheet. */
export async function reportExportRoutes(root: FastifyInstance): Promise<void> {
  const api = root.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/reports/xlsx',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['reports'],
        summary: 'A report table (as shown, headers in the reader language) as an XLSX workbook; needs the export permission of its area',
        body: z.strictObject({
          area: z.enum(REPORT_AREAS),
          fileName: z.string().trim().min(1).max(120),
          tables: z
            .array(
              z.strictObject({
                name: z.string().max(100),
                columns: z.array(z.strictObject({ header: z.string().max(200), numeric: z.boolean().optional() })).min(1).max(50),
                rows: z.array(z.array(cell).max(50)).max(50_000),
              }),
            )
            .min(1)
            .max(10),
        }),
      },
    },
    async (request, reply) => {
      const { area, fileName, tables } = request.body;
      const buffer = await reportWorkbook(requireActor(request), area, tables);
      const safe = fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_').replace(/\.xlsx$/i, '');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(`${safe}.xlsx`)}`)
        .send(buffer);
    },
  );
}
