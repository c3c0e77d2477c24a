import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fieldErrorsOf, isEmail } from './form.ts';

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

  it('recognises e-mail addresses', () => {
    expect(isEmail('ana@firma.ro')).toBe(true);
    expect(isEmail('ana@firma')).toBe(false);
    expect(isEmail(42)).toBe(false);
  });
});
