import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber } from './format.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('locale formatting', () => {
  it('formats money in the user’s locale for the region’s currencies', () => {
    expect(nbsp(formatMoney('1234.5', 'RON', 'ro'))).toBe('1.234,50 RON');
    expect(nbsp(formatMoney(1234.5, 'PLN', 'pl'))).toBe('1234,50 zł');
    // forint has no minor unit in use; Hungarian groups digits from five upwards
    expect(nbsp(formatMoney(12345, 'HUF', 'hu'))).toBe('12 345 Ft');
    expect(nbsp(formatMoney(1234.5, 'UAH', 'uk'))).toBe('1 234,50 ₴');
    expect(nbsp(formatMoney(1234.5, 'EUR', 'en'))).toBe('€1,234.50');
  });

  it('formats numbers and calendar dates', () => {
    expect(nbsp(formatNumber(1234567.5, 'hu'))).toBe('1 234 567,5');
    expect(formatDate('2026-03-08', 'ro')).toBe('8 mar. 2026');
    expect(formatDate('2026-03-08', 'en')).toBe('8 Mar 2026');
    expect(formatDate(null, 'en')).toBe('');
  });
});
