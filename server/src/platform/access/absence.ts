import { AppError } from '../errors.ts';

/** An absence (deputies stand in while it lasts) ends on or after the day it starts. */
export function refuseAbsenceOrder(values: Record<string, unknown>): void {
  const { awayFrom, awayUntil } = values;
  if (typeof awayFrom === 'string' && typeof awayUntil === 'string' && awayUntil < awayFrom) {
    throw new AppError('VALIDATION', 'The absence ends before it starts', { errors: [{ path: 'awayUntil', message: 'validation.absenceOrder' }] });
  }
}
