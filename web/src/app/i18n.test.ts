import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import hu from '../i18n/locales/hu.json';
import pl from '../i18n/locales/pl.json';
import ro from '../i18n/locales/ro.json';
import uk from '../i18n/locales/uk.json';

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else flatten(v, key, out);
  }
  return out;
}

const english = flatten(en as Tree);
const others = { ro, pl, hu, uk } as Record<string, Tree>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  for (const [language, tree] of Object.entries(others)) {
    it(`${language} has every English key, none empty, with the same placeholders`, () => {
      const translated = flatten(tree);
      const missing = Object.keys(english).filter((k) => !translated[k]?.trim());
      expect(missing).toEqual([]);
      const extra = Object.keys(translated).filter((k) => !(k in english));
      expect(extra).toEqual([]);
      for (const [key, text] of Object.entries(english)) {
        const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
        expect(placeholders(translated[key]!), key).toEqual(placeholders(text));
      }
    });
  }

  it('is not English copied over: most texts differ from English in each language', () => {
    for (const [language, tree] of Object.entries(others)) {
      const translated = flatten(tree);
      const same = Object.keys(english).filter((k) => translated[k] === english[k] && !k.startsWith('lang.'));
      expect(same.length / Object.keys(english).length, language).toBeLessThan(0.15);
    }
  });

  it('has every key the components use', () => {
    const used = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      // t('key') calls, and keys held in registries (areas, settings pages, quick actions) as labelKey
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/\blabelKey:\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const unknown = [...used].filter((k) => !(k in english));
    expect(unknown).toEqual([]);
  });
});
