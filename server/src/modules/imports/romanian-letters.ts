// Romanian writes ș ț with a comma below (U+0218–U+021B). Windows-1250 has only ş ţ with a cedilla
// (U+015E, U+015F, U+0162, U+0163), so files from older Windows software bring those. Search and
// duplicates already take both for the same letter (kontakt_normalize strips either mark); an import
// may also write them the right way.

const COMMA_BELOW: Record<string, string> = { Ş: 'Ș', ş: 'ș', Ţ: 'Ț', ţ: 'ț' };
const CEDILLAS = /[ŞşŢţ]/g;
const HAS_CEDILLA = /[ŞşŢţ]/;
/** Letters only Romanian writes (ţ with a cedilla too; ş alone may be Turkish). */
const ROMANIAN = /[ăĂȘșȚțŢţ]/;

/** ş ţ Ş Ţ (cedilla) written as ș ț Ș Ț (comma below); every other letter as it is. */
export const toCommaBelow = (text: string): string => text.replace(CEDILLAS, (c) => COMMA_BELOW[c]!);

/**
 * Whether texts of a file hold ş ţ with a cedilla, and whether correcting them is the likely wish:
 * the file is Central European Windows (Windows-1250) or has other Romanian letters (not Turkish ş).
 */
export function cedillaLettersIn(texts: Iterable<string>, encoding: string | null): { found: boolean; suggested: boolean } {
  let found = false;
  let romanian = encoding === 'windows-1250';
  for (const text of texts) {
    if (!found && HAS_CEDILLA.test(text)) found = true;
    if (!romanian && ROMANIAN.test(text)) romanian = true;
    if (found && romanian) break;
  }
  return { found, suggested: found && romanian };
}
