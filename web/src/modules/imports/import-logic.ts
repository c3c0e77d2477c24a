import type { TFunction } from 'i18next';
import { toCsv } from '../../app/csv.ts';

export { toCsv };

/** One column → field choice per column of the file (null: not imported). */
export type Mapping = (string | null)[];

export interface ImportTarget {
  key: string;
  type: string;
  required: boolean;
  values?: string[];
  label?: Record<string, string>;
}

export interface ImportState {
  id: string;
  entity: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  status: 'analysed' | 'queued' | 'running' | 'done' | 'failed';
  dryRun: boolean;
  onDuplicate: 'skip' | 'update';
  totalRows: number | null;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  error: string | null;
  /** When the run was taken over from a server that had stopped (a crash, a kill): it resumed. */
  resumedAt?: string | null;
  /** The run writes Romanian ş ţ (cedilla) as ș ț (comma below). */
  correctCedillas: boolean;
}

export interface Analysis extends ImportState {
  headers: string[];
  preview: string[][];
  /** The file writes Romanian ş ţ with a cedilla (as Windows-1250 does). */
  cedillaLetters: boolean;
  /** Correcting them is suggested: the file is Romanian. */
  correctCedillasSuggested: boolean;
  suggested: Mapping;
  savedMapping: { id: string; name: string } | null;
  savedMappings: { id: string; name: string }[];
  targets: ImportTarget[];
}

export interface RejectedRow {
  rowNumber: number;
  reason: 'invalid' | 'duplicate' | 'failed';
  messages: { column?: string; field?: string; message: string }[];
  cells: string[];
}

const COMMA_BELOW: Record<string, string> = { Ş: 'Ș', ş: 'ș', Ţ: 'Ț', ţ: 'ț' };
/** Romanian ş ţ (cedilla) as ș ț (comma below), as the import writes them when asked. */
export const toCommaBelow = (text: string): string => text.replace(/[ŞşŢţ]/g, (c) => COMMA_BELOW[c]!);

/** Required fields no column goes to: the import cannot start without them. */
export function missingRequired(targets: ImportTarget[], mapping: Mapping): string[] {
  return targets.filter((t) => t.required && !mapping.includes(t.key)).map((t) => t.key);
}

/** Picking a field for a column takes it away from any other column (each field is filled once). */
export function assign(mapping: Mapping, column: number, key: string | null): Mapping {
  return mapping.map((current, i) => (i === column ? key : key !== null && current === key ? null : current));
}

/** Share of the rows done, 0–100 (unknown total: 0). */
export function percent(state: Pick<ImportState, 'processedRows' | 'totalRows'>): number {
  if (!state.totalRows) return 0;
  return Math.min(100, Math.round((state.processedRows / state.totalRows) * 100));
}

export const isRunning = (state: Pick<ImportState, 'status'>) => state.status === 'queued' || state.status === 'running';

/** A server reason in the reader's language: i18n keys translated, anything else as it came. */
export function reasonText(t: TFunction, m: RejectedRow['messages'][number]): string {
  const text =
    m.message === 'import.errors.duplicateRow'
      ? t(m.message, { row: m.field })
      : t(m.message, { defaultValue: m.message });
  return m.column ? `${m.column}: ${text}` : text;
}

/** The rejected rows as the user's file was, plus row number, reason and translated messages. */
export function rejectedCsv(t: TFunction, headers: string[], rows: RejectedRow[]): string {
  return toCsv([
    [...headers, t('import.row'), t('import.reason'), t('import.messages')],
    ...rows.map((r) => [
      ...headers.map((_, i) => r.cells[i] ?? ''),
      String(r.rowNumber),
      t(`import.reasons.${r.reason}`),
      r.messages.map((m) => reasonText(t, m)).join('; '),
    ]),
  ]);
}
