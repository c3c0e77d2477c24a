/**
 * Tax and registration numbers of the region, checked with their official check digits.
 * Messages are i18n keys, so the web app explains them in the user's language. `normalized` is the
 * form kept for display: the number as typed, tidied (no spaces or separators, a country prefix kept
 * when typed, in capitals). Partners are compared by the number itself, whatever its form: the
 * database's kontakt_tax_id_key (migration 20261204160000_tax_id_key).
 */
export type TaxIdResult =
  | { ok: true; normalized: string; kind: string }
  | { ok: false; rule: string; message: string };

const digits = (s: string) => s.replace(/[\s.\-/]/g, '');
const fail = (rule: string): TaxIdResult => ({ ok: false, rule, message: `validation.taxId.${rule}` });
const weighted = (value: string, weights: number[]) => weights.reduce((sum, w, i) => sum + w * Number(value[i]), 0);

/** Romania: CUI/CIF, 2–10 digits, key 753217532 (optional RO prefix for VAT payers). */
export function romanianCui(raw: string): TaxIdResult {
  const vat = /^RO/i.test(raw.trim());
  const value = digits(raw.trim().replace(/^RO/i, ''));
  if (!/^\d{2,10}$/.test(value)) return fail('format');
  const body = value.slice(0, -1).padStart(9, '0');
  const control = ((weighted(body, [7, 5, 3, 2, 1, 7, 5, 3, 2]) * 10) % 11) % 10;
  if (control !== Number(value.at(-1))) return fail('checksum');
  return { ok: true, normalized: vat ? `RO${value}` : value, kind: 'RO.CUI' };
}

/** Romania: CNP of a private person, 13 digits, key 279146358279. */
export function romanianCnp(raw: string): TaxIdResult {
  const value = digits(raw);
  if (!/^[1-9]\d{12}$/.test(value)) return fail('format');
  let control = weighted(value, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
  if (control === 10) control = 1;
  if (control !== Number(value[12])) return fail('checksum');
  return { ok: true, normalized: value, kind: 'RO.CNP' };
}

/** Poland: NIP, 10 digits, weights 6 5 7 2 3 4 5 6 7, mod 11 (10 is never valid). */
export function polishNip(raw: string): TaxIdResult {
  const vat = /^PL/i.test(raw.trim());
  const value = digits(raw.trim().replace(/^PL/i, ''));
  if (!/^\d{10}$/.test(value)) return fail('format');
  const control = weighted(value, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
  if (control === 10 || control !== Number(value[9])) return fail('checksum');
  return { ok: true, normalized: vat ? `PL${value}` : value, kind: 'PL.NIP' };
}

/** Poland: PESEL of a private person, 11 digits, weights 1 3 7 9. */
export function polishPesel(raw: string): TaxIdResult {
  const value = digits(raw);
  if (!/^\d{11}$/.test(value)) return fail('format');
  const control = (10 - (weighted(value, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
  if (control !== Number(value[10])) return fail('checksum');
  return { ok: true, normalized: value, kind: 'PL.PESEL' };
}

/** Poland: REGON, 9 or 14 digits. */
export function polishRegon(raw: string): TaxIdResult {
  const value = digits(raw);
  const check = (v: string, weights: number[]) => (weighted(v, weights) % 11) % 10 === Number(v.at(-1));
  if (/^\d{9}$/.test(value)) return check(value, [8, 9, 2, 3, 4, 5, 6, 7]) ? { ok: true, normalized: value, kind: 'PL.REGON' } : fail('checksum');
  if (/^\d{14}$/.test(value)) {
    return check(value, [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]) && check(value.slice(0, 9), [8, 9, 2, 3, 4, 5, 6, 7])
      ? { ok: true, normalized: value, kind: 'PL.REGON' }
      : fail('checksum');
  }
  return fail('format');
}

const HU_COUNTIES = new Set(['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '22', '41', '42', '43', '44', '51']);

/** Hungary: adószám xxxxxxxx-y-zz (check digit on the first 8, VAT code 1–5, county code), or the 8-digit EU form. */
export function hungarianTaxNumber(raw: string): TaxIdResult {
  const vat = /^HU/i.test(raw.trim());
  const value = digits(raw.trim().replace(/^HU/i, ''));
  if (!/^\d{8}(\d{3})?$/.test(value)) return fail('format');
  const core = value.slice(0, 8);
  const control = (10 - (weighted(core, [9, 7, 3, 1, 9, 7, 3]) % 10)) % 10;
  if (control !== Number(core[7])) return fail('checksum');
  if (value.length === 8) return { ok: true, normalized: vat ? `HU${core}` : core, kind: 'HU.VAT' };
  if (!/[1-5]/.test(value[8]!)) return fail('vatCode');
  if (!HU_COUNTIES.has(value.slice(9, 11))) return fail('county');
  return { ok: true, normalized: `${vat ? 'HU' : ''}${core}-${value[8]}-${value.slice(9)}`, kind: 'HU.ADOSZAM' };
}

/** A Ukrainian code, with the country prefix it may be written with (UA): the digits and the prefix as typed. */
const ukrainian = (raw: string) => ({ prefix: /^UA/i.test(raw.trim()) ? 'UA' : '', value: digits(raw.trim().replace(/^UA/i, '')) });

/** Ukraine: ЄДРПОУ, 8 digits; weights 1–7 (or 7,1–6 for codes 30–60 million), second pass +2 when the remainder is 10. */
export function ukrainianEdrpou(raw: string): TaxIdResult {
  const { prefix, value } = ukrainian(raw);
  if (!/^\d{8}$/.test(value)) return fail('format');
  const n = Number(value);
  const first = n < 30_000_000 || n > 60_000_000 ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
  let control = weighted(value, first) % 11;
  if (control === 10) control = (weighted(value, first.map((w) => w + 2)) % 11) % 10;
  if (control !== Number(value[7])) return fail('checksum');
  return { ok: true, normalized: prefix + value, kind: 'UA.EDRPOU' };
}

/** Ukraine: РНОКПП of a private person, 10 digits, weights -1 5 7 9 4 6 10 5 7, mod 11 mod 10. */
export function ukrainianRnokpp(raw: string): TaxIdResult {
  const { prefix, value } = ukrainian(raw);
  if (!/^\d{10}$/.test(value)) return fail('format');
  const sum = weighted(value, [-1, 5, 7, 9, 4, 6, 10, 5, 7]);
  const control = (((sum % 11) + 11) % 11) % 10;
  if (control !== Number(value[9])) return fail('checksum');
  return { ok: true, normalized: prefix + value, kind: 'UA.RNOKPP' };
}

/** Ukraine: the birth date hidden in a РНОКПП (days since 31 Dec 1899). */
export function rnokppBirthDate(value: string): string {
  const date = new Date(Date.UTC(1899, 11, 31) + Number(value.slice(0, 5)) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

// EU VAT number shapes (the country prefix, then the national pattern).
const EU_VAT: Record<string, RegExp> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/, DE: /^\d{9}$/, DK: /^\d{8}$/,
  EE: /^\d{9}$/, EL: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, FI: /^\d{8}$/, FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, HR: /^\d{11}$/,
  HU: /^\d{8}$/, IE: /^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/, IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/, LU: /^\d{8}$/, LV: /^\d{11}$/,
  MT: /^\d{8}$/, NL: /^\d{9}B\d{2}$/, PL: /^\d{10}$/, PT: /^\d{9}$/, RO: /^\d{2,10}$/, SE: /^\d{12}$/, SI: /^\d{8}$/, SK: /^\d{10}$/,
};

/** EU VAT number: known country prefix and national shape; RO, PL and HU also by their check digits. */
export function euVat(raw: string): TaxIdResult {
  const value = raw.replace(/[\s.\-]/g, '').toUpperCase();
  const country = value.slice(0, 2);
  const rest = value.slice(2);
  const shape = EU_VAT[country];
  if (!shape) return fail('vatCountry');
  if (!shape.test(rest)) return fail('format');
  const national = country === 'RO' ? romanianCui(rest) : country === 'PL' ? polishNip(rest) : country === 'HU' ? hungarianTaxNumber(rest) : null;
  if (national && !national.ok) return national;
  return { ok: true, normalized: value, kind: 'EU.VAT' };
}

/**
 * The tax ID of a partner by its country and kind (company or private person): an EU VAT number
 * (two-letter prefix) is checked as such, otherwise the country's own number.
 */
export function validateTaxId(country: string | null | undefined, value: string, personKind: 'company' | 'person' = 'company'): TaxIdResult {
  const trimmed = value.replace(/\s+/g, '');
  if (/^[A-Z]{2}/i.test(trimmed) && !/^(RO|PL|HU)?\d/i.test(trimmed) && EU_VAT[trimmed.slice(0, 2).toUpperCase()]) return euVat(trimmed);
  if (/^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|IE|IT|LT|LU|LV|MT|NL|PT|SE|SI|SK)/i.test(trimmed)) return euVat(trimmed);
  switch ((country ?? '').toUpperCase()) {
    case 'RO':
      return personKind === 'person' && digits(trimmed).length === 13 ? romanianCnp(trimmed) : romanianCui(trimmed);
    case 'PL':
      return personKind === 'person' && digits(trimmed).length === 11 ? polishPesel(trimmed) : polishNip(trimmed);
    case 'HU':
      return hungarianTaxNumber(trimmed);
    case 'UA':
      return ukrainian(trimmed).value.length === 10 ? ukrainianRnokpp(trimmed) : ukrainianEdrpou(trimmed);
    default:
      return /^[A-Z0-9][A-Z0-9 .\-/]{1,30}$/i.test(trimmed) ? { ok: true, normalized: trimmed, kind: 'OTHER' } : fail('format');
  }
}
