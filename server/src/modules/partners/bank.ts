/** IBAN lengths of SEPA countries and Ukraine. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23,
  GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, MT: 31, NL: 18, NO: 15,
  PL: 28, PT: 25, RO: 24, RS: 22, SE: 24, SI: 19, SK: 24, SM: 27, UA: 29, VA: 22,
};

export type BankResult = { ok: true; normalized: string } | { ok: false; rule: string; message: string };
const fail = (rule: string): BankResult => ({ ok: false, rule, message: `validation.bank.${rule}` });

/** IBAN: known country, its length, and the mod-97 check. */
export function validateIban(raw: string): BankResult {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(value)) return fail('ibanFormat');
  const length = IBAN_LENGTH[value.slice(0, 2)];
  if (!length) return fail('ibanCountry');
  if (value.length !== length) return fail('ibanLength');
  const rearranged = value.slice(4) + value.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return remainder === 1 ? { ok: true, normalized: value } : fail('ibanChecksum');
}

/** IBAN in groups of four for display. */
export const formatIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** BIC/SWIFT: 4 bank letters, an ISO country, 2 location characters, optional 3-character branch. */
export function validateBic(raw: string): BankResult {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value)) return fail('bicFormat');
  if (!(value.slice(4, 6) in IBAN_LENGTH) && !['US', 'CA', 'CN', 'JP', 'TR'].includes(value.slice(4, 6))) return fail('bicCountry');
  return { ok: true, normalized: value };
}
