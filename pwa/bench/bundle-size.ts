import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface SizedFile {
  file: string;
  raw: number;
  gzip: number;
}

export function sizeOf(dist: string, file: string): SizedFile {
  const buf = readFileSync(join(dist, file.replace(/^\//, '')));
  return { file: file.replace(/^\//, ''), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** The JS and CSS that index.html itself loads: the entry script, its modulepreloads, the CSS. */
export function initialAssets(dist: string): SizedFile[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  return [...new Set(refs)].filter((f) => existsSync(join(dist, f.replace(/^\//, '')))).map((f) => sizeOf(dist, f));
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
export const sum = (xs: SizedFile[], k: 'raw' | 'gzip') => xs.reduce((a, f) => a + f[k], 0);
