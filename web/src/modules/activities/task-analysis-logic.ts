import type { TFunction } from 'i18next';
import { formatDate } from '../../app/format.ts';
import type { XlsxTable } from '../../app/xlsx.ts';

export interface Counts {
  due: number;
  open: number;
  overdue: number;
  done: number;
  doneLate: number;
}

export interface Analysis {
  unit: 'day' | 'week';
  by: 'user' | 'partner';
  totals: (Counts & { period: string })[];
  rows: (Counts & { key: string | null; label: string | null })[];
  cells: (Counts & { period: string; key: string | null; label: string | null })[];
}

export interface Workload {
  rows: { userId: string | null; name: string | null; unfinished: number; inProgress: number; overdue: number; dueThisWeek: number; noDeadline: number; done: number; doneLate: number }[];
}

export type View = 'rows' | 'cells' | 'workload';
export type Table = XlsxTable & { keys: string[] };

const COUNTS = ['due', 'open', 'overdue', 'done', 'doneLate'] as const;
const LOAD = ['unfinished', 'inProgress', 'overdue', 'dueThisWeek', 'noDeadline', 'done', 'doneLate'] as const;

/** The name of a row: the person or partner, "(none)" when the tasks have none, "(not visible)" when the reader may not see it. */
export function rowLabel(t: TFunction, key: string | null, label: string | null): string {
  if (key === null) return t('reports.none');
  return label ?? t('taskAnalysis.hidden');
}

/**
 * The three tables of the task analysis as shown and exported (same headers and values): per person
 * or partner, per period and person or partner, and the workload per person.
 */
export function analysisTables(t: TFunction, language: string, analysis: Analysis | undefined, workload: Workload | undefined): Record<View, Table> {
  const who = analysis?.by === 'partner' ? t('entities.partner') : t('taskAnalysis.person');
  const counts = COUNTS.map((c) => ({ header: t(`taskAnalysis.columns.${c}`), numeric: true }));
  return {
    rows: {
      name: analysis?.by === 'partner' ? t('taskAnalysis.perPartner') : t('taskAnalysis.perUser'),
      columns: [{ header: who }, ...counts],
      rows: (analysis?.rows ?? []).map((r) => [rowLabel(t, r.key, r.label), ...COUNTS.map((c) => r[c])]),
      keys: (analysis?.rows ?? []).map((r) => r.key ?? ''),
    },
    cells: {
      name: analysis?.unit === 'week' ? t('taskAnalysis.perWeek') : t('taskAnalysis.perDay'),
      columns: [{ header: analysis?.unit === 'week' ? t('taskAnalysis.weekOf') : t('taskAnalysis.day') }, { header: who }, ...counts],
      rows: (analysis?.cells ?? []).map((r) => [formatDate(r.period, language), rowLabel(t, r.key, r.label), ...COUNTS.map((c) => r[c])]),
      keys: (analysis?.cells ?? []).map((r) => `${r.period}|${r.key ?? ''}`),
    },
    workload: {
      name: t('taskAnalysis.workload'),
      columns: [{ header: t('taskAnalysis.person') }, ...LOAD.map((c) => ({ header: t(`taskAnalysis.columns.${c}`), numeric: true }))],
      rows: (workload?.rows ?? []).map((r) => [rowLabel(t, r.userId, r.name), ...LOAD.map((c) => r[c])]),
      keys: (workload?.rows ?? []).map((r) => r.userId ?? ''),
    },
  };
}
