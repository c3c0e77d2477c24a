import type { TFunction } from 'i18next';
import { isEmail } from '../app/form.ts';
import type { InputField } from './field-input.tsx';

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Checks a record form against the field descriptions the server validates with (the same metadata
 * its zod schemas are built from): required, maximum length, e-mail, web address, numbers, money.
 * The server stays the judge; this saves a round trip and explains errors on the right field.
 */
export function validateValues(fields: InputField[], values: Record<string, unknown>, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (empty(value)) {
      if (field.required) errors[field.name] = t('validation.required');
      continue;
    }
    if (typeof value === 'string' && field.max !== undefined && value.length > field.max) {
      errors[field.name] = t('validation.tooLong', { max: field.max });
    } else if (field.type === 'email' && !isEmail(value)) {
      errors[field.name] = t('validation.email');
    } else if (field.type === 'url' && !/^https?:\/\/[^\s]+\.[^\s]+$/.test(String(value))) {
      errors[field.name] = t('validation.url');
    } else if ((field.type === 'number' || field.type === 'integer') && !Number.isFinite(Number(value))) {
      errors[field.name] = t('validation.number');
    } else if (field.type === 'money' && !/^-?\d+(\.\d{1,4})?$/.test(String(value))) {
      errors[field.name] = t('validation.money');
    }
  }
  return errors;
}
