import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/locales/en.json';

export const LANGUAGES = ['en', 'ro', 'pl', 'hu', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A supported language for any string (unknown ones fall back to English). */
export const toLanguage = (language: string): Language => (LANGUAGES.includes(language as Language) ? (language as Language) : 'en');

// English is bundled (the fallback); every other language is its own chunk, loaded when chosen,
// so the first screen does not carry five translations of every module.
const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  ro: () => import('../i18n/locales/ro.json'),
  pl: () => import('../i18n/locales/pl.json'),
  hu: () => import('../i18n/locales/hu.json'),
  uk: () => import('../i18n/locales/uk.json'),
};

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('kontakt.language');
const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
const initial = toLanguage([stored, browser].find((l) => LANGUAGES.includes(l as Language)) ?? 'en');

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
  const bundle = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', bundle.default, true, true);
}

/** Switches the UI language (after loading it) and remembers it on this device; the server keeps it per user. */
export async function setLanguage(language: string): Promise<void> {
  if (!LANGUAGES.includes(language as Language)) return;
  const lng = language as Language;
  await loadLanguage(lng);
  if (typeof localStorage !== 'undefined') localStorage.setItem('kontakt.language', lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  await i18n.changeLanguage(lng);
}

/** Resolves when the device's language is ready: render after it so the first screen is not English first. */
export const i18nReady: Promise<void> = setLanguage(initial).catch(() => undefined);

export default i18n;
