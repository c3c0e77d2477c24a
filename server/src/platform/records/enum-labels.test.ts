import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../app.ts';
import { listEntities } from './descriptor.ts';

const LANGUAGES = ['en', 'ro', 'pl', 'hu', 'uk'] as const;
const locale = (language: string) =>
  JSON.parse(readFileSync(new URL(`../../../../web/src/i18n/locales/${language}.json`, import.meta.url), 'utf8')) as {
    values?: Record<string, Record<string, Record<string, string>>>;
  };

describe('labels of fixed values', () => {
  it('every status, kind and other fixed value of every entity has a label in all five languages', () => {
    const fields = listEntities().flatMap((e) =>
      e.allFields.filter((f) => f.values?.length && f.name !== 'locale' && f.name !== 'language').map((f) => ({ entity: e.name, field: f.name, values: f.values! })),
    );
    expect(fields.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const language of LANGUAGES) {
      const values = locale(language).values ?? {};
      for (const { entity, field, values: fixed } of fields) {
        for (const value of fixed) if (!values[entity]?.[field]?.[value]?.trim()) missing.push(`${language}: values.${entity}.${field}.${value}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
