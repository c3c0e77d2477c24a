import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/locales/en.json';
import hu from '../i18n/locales/hu.json';
import pl from '../i18n/locales/pl.json';
import ro from '../i18n/locales/ro.json';
import uk from '../i18n/locales/uk.json';

export const LANGUAGES = ['en', 'ro', 'pl', 'hu', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('kontakt.language');
const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
const initial = [stored, browser].find((l): l is Language => LANGUAGES.includes(l as Language)) ?? 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ro: { translation: ro }, pl: { translation: pl }, hu: { translation: hu }, uk: { translation: uk } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the UI language now and remembers it on this device (the server keeps it per user). */
export function setLanguage(language: string): void {
  if (!LANGUAGES.includes(language as Language)) return;
  localStorage.setItem('kontakt.language', language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export default i18n;
