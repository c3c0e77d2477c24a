import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { analysisTables, rowLabel } from './task-analysis-logic.ts';

const t = ((key: string) => key) as unknown as TFunction;
const zero = { due: 0, open: 0, overdue: 0, done: 0, doneLate: 0 };

describe('task analysis tables', () => {
  it('names rows by person or partner, none, or not visible', () => {
    expect(rowLabel(t, null, null)).toBe('reports.none');
    expect(rowLabel(t, 'p1', null)).toBe('taskAnalysis.hidden');
    expect(rowLabel(t, 'u1', 'Anna')).toBe('Anna');
  });

  it('builds the shown and exported tables with the same headers and values', () => {
    const tables = analysisTables(
      t,
      'en',
      {
        unit: 'week',
        by: 'partner',
        totals: [],
        rows: [{ key: 'p1', label: 'Łódź', ...zero, due: 3, overdue: 1 }],
        cells: [{ period: '2026-11-23', key: null, label: null, ...zero, done: 2 }],
      },
      { rows: [{ userId: 'u1', name: 'Anna', unfinished: 4, inProgress: 1, overdue: 2, dueThisWeek: 1, noDeadline: 0, done: 5, doneLate: 1 }] },
    );
    expect(tables.rows.columns.map((c) => c.header)).toEqual(['entities.partner', 'taskAnalysis.columns.due', 'taskAnalysis.columns.open', 'taskAnalysis.columns.overdue', 'taskAnalysis.columns.done', 'taskAnalysis.columns.doneLate']);
    expect(tables.rows.rows).toEqual([['Łódź', 3, 0, 1, 0, 0]]);
    expect(tables.cells.columns[0]!.header).toBe('taskAnalysis.weekOf');
    expect(tables.cells.rows[0]!.slice(1)).toEqual(['reports.none', 0, 0, 0, 2, 0]);
    expect(tables.workload.rows).toEqual([['Anna', 4, 1, 2, 1, 0, 5, 1]]);
    expect(tables.workload.columns.every((c, i) => i === 0 || c.numeric)).toBe(true);
  });
});
