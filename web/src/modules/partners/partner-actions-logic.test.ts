import { describe, expect, it } from 'vitest';
import { canConvert, type DuplicatePair, erasureConfirmed, mergeRequest, personalDataFileName, similarityPercent, withoutMerged } from './partner-actions-logic.ts';

const pair = (aId: string, bId: string): DuplicatePair => ({ aId, aName: aId, bId, bName: bId, reason: 'name', similarity: 0.7 });

describe('partner and contact actions', () => {
  it('converts only a business card, and only for someone who may edit it', () => {
    expect(canConvert({ status: 'lead' }, true)).toBe(true);
    expect(canConvert({ status: 'lead' }, false)).toBe(false);
    expect(canConvert({ status: 'prospect' }, true)).toBe(false);
    expect(canConvert({}, true)).toBe(false);
  });

  it('merges the other record into the one kept, whichever side it is on', () => {
    expect(mergeRequest('a', 'a', 'b')).toEqual({ keepId: 'a', duplicateId: 'b' });
    expect(mergeRequest('b', 'a', 'b')).toEqual({ keepId: 'b', duplicateId: 'a' });
    expect(() => mergeRequest('c', 'a', 'b')).toThrow();
    expect(() => mergeRequest('a', 'a', 'a')).toThrow();
  });

  it('drops every pair naming the record that went to the trash', () => {
    const pairs = [pair('a', 'b'), pair('b', 'c'), pair('c', 'd')];
    expect(withoutMerged(pairs, 'b')).toEqual([pair('c', 'd')]);
    expect(withoutMerged(pairs, 'x')).toEqual(pairs);
  });

  it('shows similarity as a whole percentage within 0–100', () => {
    expect(similarityPercent(0.6666)).toBe(67);
    expect(similarityPercent(1.2)).toBe(100);
    expect(similarityPercent(-0.1)).toBe(0);
  });

  it('confirms erasure only with the exact name typed, diacritics and case included', () => {
    expect(erasureConfirmed('Erika Szabó-Nagy', 'Erika Szabó-Nagy')).toBe(true);
    expect(erasureConfirmed('  Erika   Szabó-Nagy ', 'Erika Szabó-Nagy')).toBe(true);
    // decomposed "ó" (o + combining acute) is the same letter
    expect(erasureConfirmed('Erika Szabo\u0301-Nagy', 'Erika Szabó-Nagy')).toBe(true);
    expect(erasureConfirmed('Erika Szabo-Nagy', 'Erika Szabó-Nagy')).toBe(false);
    expect(erasureConfirmed('erika szabó-nagy', 'Erika Szabó-Nagy')).toBe(false);
    expect(erasureConfirmed('', '')).toBe(false);
    expect(erasureConfirmed(' ', ' ')).toBe(false);
  });

  it('names the export file after the person in any script, without separators, with the start of the id', () => {
    expect(personalDataFileName('Erika Szabó-Nagy', '0b6c1a2e-1111-2222-3333-444455556666')).toBe('personal-data-erika-szabó-nagy-0b6c1a2e.json');
    expect(personalDataFileName('Олена Шевченко', 'abcdef01-0000')).toBe('personal-data-олена-шевченко-abcdef01.json');
    expect(personalDataFileName(' ../:* ', '12345678-aaaa')).toBe('personal-data-12345678.json');
  });
});
