import { useState } from 'react';
import { ApiError } from './api.ts';

export type FieldErrors = Record<string, string>;

/** Server field errors (problem.errors[{path,message}]) keyed by field path. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldErrors.map((e) => [e.path, e.message]));
}

/**
 * The one form state of the app: values, client-side validation, server errors mapped onto the
 * fields, and a submitting flag.
 */
export function useForm<V extends Record<string, unknown>>(initial: V, validate: (values: V) => FieldErrors) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const set = <K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const { [key as string]: _drop, ...rest } = e;
      return rest;
    });
  };
  const submit = async (action: (values: V) => Promise<void>) => {
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSubmitting(true);
    try {
      await action(values);
    } catch (error) {
      const mapped = fieldErrorsOf(error);
      setErrors(mapped);
      if (!Object.keys(mapped).length) throw error;
    } finally {
      setSubmitting(false);
    }
  };
  return { values, set, errors, setErrors, submitting, submit, setValues };
}

export const isEmail = (s: unknown) => typeof s === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
