import { readFileSync } from 'node:fs';
import { type CustomFieldDefinition, LANGUAGES } from '../records/custom-fields.ts';
import type { FieldDescriptor } from '../records/descriptor.ts';

export type Language = (typeof LANGUAGES)[number];

type Messages = { [key: string]: string | Messages };
const cache = new Map<Language, Messages>();

// one set of labels for the web app and for what the server writes (exports): web/src/i18n/locales
function messages(language: Language): Messages {
  let loaded = cache.get(language);
  if (!loaded) {
    const file = new URL(`../../../../web/src/i18n/locales/${language}.json`, import.meta.url);
    loaded = JSON.parse(readFileSync(file, 'utf8')) as Messages;
    cache.set(language, loaded);
  }
  return loaded;
}

/** A supported language from a user's locale (`ro`, `ro-RO`), English otherwise. */
export function languageOf(locale: string | null | undefined): Language {
  const code = (locale ?? '').slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(code) ? (code as Language) : 'en';
}

const humanize = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
const readable = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export interface Labels {
  language: Language;
  /** The text of an i18n key, or undefined when the language (and English) has none. */
  text(key: string): string | undefined;
  /** A field's label as the web app shows it: its own key, else `fields.<name>`, else its name made readable. */
  field(entity: string, field: Pick<FieldDescriptor, 'name' | 'labelKey'>): string;
  /** A fixed value of a field (status, kind …): `values.<entity>.<field>.<value>`; languages by their names. */
  value(entity: string, field: string, value: string): string;
  custom(def: Pick<CustomFieldDefinition, 'key' | 'label'>): string;
  yes: string;
  no: string;
}

/** Labels in one language, the same the web app shows (web/src/app/labels.ts), for files the server writes. */
export function labelsFor(language: Language): Labels {
  const lookup = (tree: Messages, key: string): string | undefined => {
    let node: string | Messages | undefined = tree;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = node[part];
    }
    return typeof node === 'string' && node.trim() ? node : undefined;
  };
  const text = (key: string) => lookup(messages(language), key) ?? lookup(messages('en'), key);
  return {
    language,
    text,
    field: (entity, field) => text(field.labelKey ?? `${entity}.fields.${field.name}`) ?? text(`fields.${field.name}`) ?? humanize(field.name),
    value: (entity, field, value) =>
      field === 'locale' || field === 'language'
        ? (text(`lang.${value}`) ?? value)
        : (text(`values.${entity}.${field}.${value}`) ?? readable(value)),
    custom: (def) => def.label[language] ?? def.label.en ?? humanize(def.key),
    yes: text('app.yes') ?? 'Yes',
    no: text('app.no') ?? 'No',
  };
}
