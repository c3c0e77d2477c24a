import { describe, expect, it } from 'vitest';
import { matchesSearch, normalizeSearch, searchOptionsFilter } from './search-text.ts';

describe('search text', () => {
  it('writes text as the server’s kontakt_normalize does: no case, no diacritics (comma and cedilla alike), Ukrainian in Latin', () => {
    expect(normalizeSearch('Ștefan Țurcanu')).toBe('stefan turcanu');
    expect(normalizeSearch('Şerban Ţăranu')).toBe('serban taranu');
    expect(normalizeSearch('Brașov Trans SRL')).toBe('brasov trans srl');
    expect(normalizeSearch('Łódź Żółć')).toBe('lodz zolc');
    expect(normalizeSearch('Győr Ödön')).toBe('gyor odon');
    expect(normalizeSearch('Юрій Шевченко')).toBe('iurii shevchenko');
    expect(normalizeSearch('Київ')).toBe('kyiv');
  });

  it('matches every word typed, in any order, without diacritics', () => {
    expect(matchesSearch('Ștefan Țurcanu', 'stefan')).toBe(true);
    expect(matchesSearch('Ștefan Țurcanu', 'turc STEF')).toBe(true);
    expect(matchesSearch('Brașov Trans SRL', 'bras')).toBe(true);
    expect(matchesSearch('Brașov Trans SRL', 'bras cluj')).toBe(false);
    expect(matchesSearch('Anything', '  ')).toBe(true);
  });

  it('filters the options of a select the same way (groups kept when one of theirs matches)', () => {
    const options = [
      { value: '1', label: 'Ștefan Țurcanu' },
      { value: '2', label: 'Ana Pop' },
      { group: 'Firme', items: [{ value: '3', label: 'Brașov Trans SRL' }, { value: '4', label: 'Cluj Lemn' }] },
    ];
    expect(searchOptionsFilter({ options, search: 'stefan', limit: 10 })).toEqual([{ value: '1', label: 'Ștefan Țurcanu' }]);
    expect(searchOptionsFilter({ options, search: 'bras', limit: 10 })).toEqual([{ group: 'Firme', items: [{ value: '3', label: 'Brașov Trans SRL' }] }]);
    expect(searchOptionsFilter({ options, search: '', limit: 2 })).toHaveLength(2);
  });
});
