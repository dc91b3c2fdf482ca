import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('./locales', import.meta.url));
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattened keys, with plural suffixes folded (es and en may use different plural forms). */
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix.replace(PLURAL, '')];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const load = (lng: string, ns: string) => JSON.parse(readFileSync(join(DIR, lng, ns), 'utf8')) as unknown;

describe('translations', () => {
  const namespaces = readdirSync(join(DIR, 'es'));
  it('ship the same namespaces in Spanish and English', () => {
    expect(readdirSync(join(DIR, 'en')).toSorted()).toEqual(namespaces.toSorted());
  });
  for (const ns of namespaces) {
    it(`have the same keys in es and en: ${ns}`, () => {
      expect(new Set(keys(load('en', ns)))).toEqual(new Set(keys(load('es', ns))));
    });
  }
});
