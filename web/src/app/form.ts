import { schemaResolver, type UseFormReturnType, useForm } from '@mantine/form';
import type { z } from 'zod';
import { ApiError } from './api.ts';

export type FieldErrors = Record<string, string>;

/** Server field errors (problem.errors[{path,message}]) keyed by field path ("email", "custom.vipLevel"). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldErrors.map((e) => [e.path, e.message]));
}

/**
 * The one form of the app: Mantine form state validated by a zod schema (messages come from the
 * schema, so build it with `t`).
 */
export function useSchemaForm<S extends z.ZodType<Record<string, unknown>>>(schema: S, initialValues: z.input<S> & Record<string, unknown>) {
  return useForm<z.input<S> & Record<string, unknown>>({
    mode: 'controlled',
    initialValues,
    validate: schemaResolver(schema, { sync: true }),
  });
}

/**
 * Submit handler for a schema form: runs `action` with valid values; field errors the server answers
 * land on their fields, any other failure goes to `onOtherError` (a notification or an alert).
 */
export function submitTo<V extends Record<string, unknown>>(
  form: Pick<UseFormReturnType<V>, 'onSubmit' | 'setErrors'>,
  action: (values: V) => Promise<void>,
  onOtherError: (error: unknown) => void,
) {
  return form.onSubmit(async (values) => {
    try {
      await action(values as V);
    } catch (error) {
      if (!applyServerErrors(form, error)) onOtherError(error);
    }
  });
}

/** Puts the server's field errors on the form; false when the error carries none. */
export function applyServerErrors(form: { setErrors: (errors: FieldErrors) => void }, error: unknown): boolean {
  const mapped = fieldErrorsOf(error);
  if (!Object.keys(mapped).length) return false;
  form.setErrors(mapped);
  return true;
}

export const isEmail = (s: unknown) => typeof s === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
