import { taskRowColor } from '../modules/activities/task-logic.ts';

/** Colour rules of list rows, by entity: a business module names a background for rows that need attention. */
export const ROW_COLORS: Record<string, (row: Record<string, unknown>) => string | undefined> = {
  task: taskRowColor,
};

/** The background of a list row of an entity (none when its module has no rule). */
export const rowColor = (entityName: string, row: Record<string, unknown>): string | undefined => ROW_COLORS[entityName]?.(row);
