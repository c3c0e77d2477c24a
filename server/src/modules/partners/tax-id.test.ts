import { describe, expect, it } from 'vitest';
import { formatIban, validateBic, validateIban } from './bank.ts';
import {
  euVat,
  hungarianTaxNumber,
  polishNip,
  polishPesel,
  polishRegon,
  rnokppBirthDate,
  romanianCnp,
  romanianCui,
  ukrainianEdrpou,
  ukrainianRnokpp,
  validateTaxId,
} from './tax-id.ts';

// One digit changed: the check digit must catch it.
const broken = (s: string) => s.replace(/(\d)(\D*)$/, (_, d: string, rest: string) => `${(Number(d) + 1) % 10}${rest}`);

describe('tax IDs with real check digits', () => {
  const valid: [string, (v: string) => { ok: boolean }, string][] = [
    ['RO CUI (OMV Petrom)', romanianCui, '1590082'],
    ['RO CUI (Banca Transilvania)', romanianCui, '5022670'],
    ['RO CUI with VAT prefix', romanianCui, 'RO 18547290'],
    ['RO CNP', romanianCnp, '1800101221144'],
    ['PL NIP', polishNip, '526-025-02-74'],
    ['PL NIP', polishNip, '7740001454'],
    ['PL PESEL', polishPesel, '44051401359'],
    ['PL REGON 9', polishRegon, '123456785'],
    ['UA ЄДРПОУ (Ощадбанк)', ukrainianEdrpou, '00032129'],
    ['UA ЄДРПОУ (ПриватБанк)', ukrainianEdrpou, '14360570'],
    ['UA РНОКПП', ukrainianRnokpp, '3184710691'],
  ];
  for (const [name, check, value] of valid) {
    it(`accepts a valid ${name} and refuses it with one digit changed`, () => {
      expect(check(value).ok).toBe(true);
      expect(check(broken(value))).toMatchObject({ ok: false, rule: 'checksum' });
    });
  }

  it('accepts a valid HU adószám (MOL) and refuses a changed check digit', () => {
    expect(hungarianTaxNumber('10625790-2-44').ok).toBe(true);
    expect(hungarianTaxNumber('10625791-2-44')).toMatchObject({ ok: false, rule: 'checksum' });
  });

  it('explains the rule that failed', () => {
    expect(polishNip('123')).toEqual({ ok: false, rule: 'format', message: 'validation.taxId.format' });
    expect(hungarianTaxNumber('10625790-9-44')).toMatchObject({ ok: false, rule: 'vatCode' });
    expect(hungarianTaxNumber('10625790-2-99')).toMatchObject({ ok: false, rule: 'county' });
    expect(euVat('XX123')).toMatchObject({ ok: false, rule: 'vatCountry' });
  });

  it('normalises and reads what numbers carry', () => {
    expect(romanianCui('ro 18547290')).toMatchObject({ normalized: 'RO18547290' });
    expect(hungarianTaxNumber('10625790244')).toMatchObject({ normalized: '10625790-2-44' });
    // day 31847 counted from 1 January 1900 (day 1)
    expect(rnokppBirthDate('3184710691')).toBe('1987-03-12');
  });

  it('chooses the rule by country and partner kind, and EU VAT numbers by their prefix', () => {
    expect(validateTaxId('RO', '1590082')).toMatchObject({ ok: true, kind: 'RO.CUI' });
    expect(validateTaxId('RO', '1800101221144', 'person')).toMatchObject({ ok: true, kind: 'RO.CNP' });
    expect(validateTaxId('PL', '44051401359', 'person')).toMatchObject({ ok: true, kind: 'PL.PESEL' });
    expect(validateTaxId('HU', '10625790-2-44')).toMatchObject({ ok: true, kind: 'HU.ADOSZAM' });
    expect(validateTaxId('UA', '14360570')).toMatchObject({ ok: true, kind: 'UA.EDRPOU' });
    expect(validateTaxId('UA', '3184710691')).toMatchObject({ ok: true, kind: 'UA.RNOKPP' });
    expect(validateTaxId('DE', 'DE123456789')).toMatchObject({ ok: true, kind: 'EU.VAT' });
    expect(validateTaxId('AT', 'ATU1358562')).toMatchObject({ ok: false });
    expect(validateTaxId('PL', 'PL5260250275')).toMatchObject({ ok: false, rule: 'checksum' });
  });

  it('keeps the form typed for display, tidied: separators out, a country prefix kept when typed', () => {
    expect(validateTaxId('RO', 'ro 3054 0177')).toMatchObject({ ok: true, normalized: 'RO30540177' });
    expect(validateTaxId('PL', 'PL 526-025-02-74')).toMatchObject({ ok: true, normalized: 'PL5260250274' });
    expect(validateTaxId('PL', '526-025-02-74')).toMatchObject({ ok: true, normalized: '5260250274' });
    expect(validateTaxId('HU', 'hu 11223346')).toMatchObject({ ok: true, normalized: 'HU11223346', kind: 'HU.VAT' });
    expect(validateTaxId('HU', '11223346 2 06')).toMatchObject({ ok: true, normalized: '11223346-2-06', kind: 'HU.ADOSZAM' });
    expect(validateTaxId('UA', 'UA 1436 0570')).toMatchObject({ ok: true, normalized: 'UA14360570', kind: 'UA.EDRPOU' });
    expect(validateTaxId('UA', 'ua3184710691')).toMatchObject({ ok: true, normalized: 'UA3184710691', kind: 'UA.RNOKPP' });
  });
});

describe('bank accounts', () => {
  it('checks IBANs by country length and mod 97', () => {
    for (const iban of ['RO49 AAAA 1B31 0075 9384 0000', 'PL61109010140000071219812874', 'HU42117730161111101800000000', 'UA213223130000026007233566001']) {
      expect(validateIban(iban).ok).toBe(true);
    }
    expect(validateIban('RO49AAAA1B31007593840001')).toMatchObject({ ok: false, rule: 'ibanChecksum' });
    expect(validateIban('RO49AAAA1B3100759384000')).toMatchObject({ ok: false, rule: 'ibanLength' });
    expect(validateIban('ZZ49AAAA1B31007593840000')).toMatchObject({ ok: false, rule: 'ibanCountry' });
    expect(formatIban('RO49AAAA1B31007593840000')).toBe('RO49 AAAA 1B31 0075 9384 0000');
  });

  it('checks BIC codes', () => {
    expect(validateBic('BTRLRO22')).toMatchObject({ ok: true });
    expect(validateBic('PKOPPLPWXXX')).toMatchObject({ ok: true });
    expect(validateBic('BTRL22')).toMatchObject({ ok: false, rule: 'bicFormat' });
    expect(validateBic('BTRLXQ22')).toMatchObject({ ok: false, rule: 'bicCountry' });
  });
});
