import { describe, expect, it } from 'vitest';
import { emptyLine, lineErrors, toLineInput } from './document-logic.ts';

describe('document lines', () => {
  it('names invalid quantities, prices, discounts and VAT rates, and a line with neither product nor text', () => {
    expect(lineErrors([{ ...emptyLine(), description: 'Ok', quantity: '2,5', unitPrice: '10.50' }])).toEqual({});
    expect(lineErrors([{ ...emptyLine(), description: 'X', quantity: '0' }])).toEqual({ 0: ['quantity'] });
    expect(lineErrors([{ ...emptyLine(), description: 'X', quantity: '1', unitPrice: '-3', discountPercent: '101', vatRate: '100' }])).toEqual({ 0: ['unitPrice', 'discountPercent', 'vatRate'] });
    expect(lineErrors([{ ...emptyLine(), quantity: '1' }])).toEqual({ 0: ['description'] });
  });

  it('sends decimal points and leaves out what the server fills in', () => {
    expect(toLineInput({ ...emptyLine(), productId: 'p1', quantity: '2,5', discountPercent: '0' })).toEqual({ productId: 'p1', quantity: '2.5', discountPercent: '0' });
    expect(toLineInput({ description: ' Transport ', quantity: '1', unitPrice: '150,00', vatRate: '21' })).toEqual({ description: 'Transport', quantity: '1', unitPrice: '150.00', vatRate: '21' });
  });
});
