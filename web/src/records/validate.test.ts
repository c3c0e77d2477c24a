import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { validateValues } from './validate.ts';

const t = ((key: string) => key) as unknown as TFunction;

describe('record form validation', () => {
  it('explains each broken field and passes good values', () => {
    const fields = [
      { name: 'name', label: 'Name', type: 'string', required: true, max: 5 },
      { name: 'email', label: 'E-mail', type: 'email', required: false },
      { name: 'web', label: 'Web', type: 'url', required: false },
      { name: 'amount', label: 'Amount', type: 'money', required: false },
      { name: 'qty', label: 'Qty', type: 'integer', required: false },
    ];
    expect(validateValues(fields, { name: '', email: 'x@', web: 'site', amount: '12,5', qty: 'many' }, t)).toEqual({
      name: 'validation.required',
      email: 'validation.email',
      web: 'validation.url',
      amount: 'validation.money',
      qty: 'validation.number',
    });
    expect(validateValues(fields, { name: 'Too long' }, t)).toEqual({ name: 'validation.tooLong' });
    expect(validateValues(fields, { name: 'Ana', email: 'ana@firma.ro', web: 'https://firma.ro', amount: '1250.50', qty: 3 }, t)).toEqual({});
  });
});

describe('user create body', () => {
  it('sends staff without a login as login: false and leaves other bodies alone', async () => {
    const { createBody } = await import('./create-extras.ts');
    expect(createBody('user', { name: 'Ion', staff: true })).toEqual({ name: 'Ion', login: false });
    expect(createBody('user', { name: 'Ana', email: 'a@b.ro', password: 'x', staff: false })).toEqual({ name: 'Ana', email: 'a@b.ro', password: 'x', login: true });
    expect(createBody('user', { name: 'Ana' })).toEqual({ name: 'Ana' });
    expect(createBody('partner', { name: 'P', staff: true })).toEqual({ name: 'P', staff: true });
  });
});
