import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';

// Ukrainian (and Russian) letters as the server's kontakt_normalize writes them in Latin.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ъ: '', ю: 'iu', я: 'ia', ы: 'y', э: 'e', ё: 'e',
};
// Letters that are not a base letter plus a combining mark (so NFD leaves them whole).
const LATIN: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/**
 * Text as the server compares it in every search (SQL `kontakt_normalize`): lower case, no
 * diacritics (ș and ş alike), Ukrainian in Latin letters. Used where a list is already on the page.
 */
export function normalizeSearch(text: string): string {
  // й is a letter of its own (not и with a mark): taken before the marks go
  const plain = [...text.replace(/[йЙ]/g, 'i').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()].map((c) => CYRILLIC[c] ?? LATIN[c] ?? c).join('');
  // "Юрій" → "iurii" in the server's spelling; a "y" before a vowel at the start of a word is read as "i"
  return plain.replace(/(^|[^a-z0-9])y([aeiou])/g, '$1i$2');
}

/** Every word of `query` occurs in `text`, both normalised (an empty query matches everything). */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = normalizeSearch(text);
  return normalizeSearch(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Mantine Select/MultiSelect `filter`: the same matching as the server's search (no diacritics, any word order). */
export const searchOptionsFilter: OptionsFilter = ({ options, search, limit }) => {
  const out: ComboboxParsedItem[] = [];
  for (const option of options) {
    if (out.length >= limit) break;
    if ('group' in option) {
      const items = option.items.filter((i) => matchesSearch(i.label, search));
      if (items.length) out.push({ group: option.group, items });
    } else if (matchesSearch(option.label, search)) out.push(option);
  }
  return out;
};
