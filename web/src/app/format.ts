import { userTimeZone } from './time-zone.ts';

/** Locale-aware formatting of dates, numbers and money (the user's language decides). */
const LOCALE_TAGS: Record<string, string> = { en: 'en-GB', ro: 'ro-RO', pl: 'pl-PL', hu: 'hu-HU', uk: 'uk-UA' };

export const localeTag = (language: string) => LOCALE_TAGS[language] ?? 'en-GB';

export function formatDate(value: string | Date | null | undefined, language: string): string {
  if (!value) return '';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'medium' }).format(date);
}

/** An instant as the user reads it: wall-clock time in their zone (see time-zone.ts), never UTC. */
export function formatDateTime(value: string | Date | null | undefined, language: string, timeZone: string = userTimeZone()): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

export function formatNumber(value: number | string | null | undefined, language: string): string {
  if (value === null || value === undefined || value === '') return '';
  return new Intl.NumberFormat(localeTag(language)).format(Number(value));
}

export function formatMoney(amount: number | string | null | undefined, currency: string, language: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  return new Intl.NumberFormat(localeTag(language), { style: 'currency', currency }).format(Number(amount));
}
