import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { profileSchema, setupSchema, signInSchema } from '../auth/schemas.ts';
import { ApiError } from './api.ts';
import { applyServerErrors, fieldErrorsOf, isEmail } from './form.ts';

// messages are i18n keys here; the real t is tested by the translation suite
const t = ((key: string) => key) as unknown as TFunction;

describe('form errors', () => {
  it('maps problem+json field errors onto field paths', () => {
    const error = new ApiError(400, {
      detail: 'The body has invalid fields',
      errors: [
        { path: 'email', message: 'Invalid email' },
        { path: 'custom.vipLevel', message: 'Expected number' },
      ],
    });
    expect(error.message).toBe('The body has invalid fields');
    expect(fieldErrorsOf(error)).toEqual({ email: 'Invalid email', 'custom.vipLevel': 'Expected number' });
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });

  it('puts server field errors on the form, and reports when there were none', () => {
    let set: Record<string, unknown> = {};
    const form = { setErrors: (errors: Record<string, string>) => { set = errors; } };
    expect(applyServerErrors(form, new ApiError(400, { errors: [{ path: 'name', message: 'Too long' }] }))).toBe(true);
    expect(set).toEqual({ name: 'Too long' });
    set = {};
    expect(applyServerErrors(form, new ApiError(409, { detail: 'Version conflict' }))).toBe(false);
    expect(applyServerErrors(form, new Error('network'))).toBe(false);
    expect(set).toEqual({});
  });

  it('recognises e-mail addresses', () => {
    expect(isEmail('ana@firma.ro')).toBe(true);
    expect(isEmail('ana@firma')).toBe(false);
    expect(isEmail(42)).toBe(false);
  });
});

describe('form schemas', () => {
  const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

  it('gives each bad field its translated message', () => {
    expect(issues(signInSchema(t).safeParse({ email: 'nope', password: '' }))).toEqual({ email: 'validation.email', password: 'validation.required' });
    expect(signInSchema(t).safeParse({ email: ' ana@firma.ro ', password: 'x' }).success).toBe(true);
    expect(issues(setupSchema(t).safeParse({ workspaceName: ' ', name: 'Ana', email: 'ana@firma.ro', password: 'short', locale: 'de' }))).toEqual({
      workspaceName: 'validation.required',
      password: 'validation.passwordLength',
      locale: expect.any(String),
    });
  });

  it('accepts the five languages and three themes on the profile', () => {
    for (const locale of ['en', 'ro', 'pl', 'hu', 'uk']) {
      expect(profileSchema(t).safeParse({ name: 'Олена', locale, theme: 'auto' }).success).toBe(true);
    }
    expect(profileSchema(t).safeParse({ name: 'Olena', locale: 'uk', theme: 'blue' }).success).toBe(false);
  });
});
