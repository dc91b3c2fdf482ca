import { DEFAULT_ROUTING, routeLead } from '@lotbook/shared';
import { describe, expect, it } from 'vitest';
import es from '../../i18n/locales/es/routing.json';
import { moveSentence, scoreText, type T } from './explain.ts';

/** A minimal i18next-like interpolation over the Spanish file (plural: _one/_other). */
const t: T = (key, opts = {}) => {
  const path = key.replace(/^routing:/, '').split('.');
  let node: unknown = es;
  for (const p of path) node = (node as Record<string, unknown>)?.[p];
  if (node === undefined && typeof opts.count === 'number') {
    const parent = path.slice(0, -1).reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], es) as Record<string, string>;
    node = parent[`${path.at(-1)}_${opts.count === 1 ? 'one' : 'other'}`];
  }
  if (typeof node !== 'string') return String(opts.defaultValue ?? key);
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(opts[k] ?? ''));
};

describe('routing explanation', () => {
  it('reads as the lead screen shows it', () => {
    const d = routeLead({ score: 40, body_types: ['suv'], makes: [] }, [
      { id: 'a', name: 'Ana', specializations: ['SUV'], conversion_rate: 0.25, active_leads: 3, available: true },
      { id: 'l', name: 'Luis', specializations: [], conversion_rate: 0.25, active_leads: 0, available: true },
    ], DEFAULT_ROUTING);
    const s = moveSentence({ kind: 'assigned', from_user: null, to_user: 'a', from_name: null, to_name: 'Ana', explanation: d, at: '' }, t);
    expect(s).toBe('Asignada a Ana: especialista en SUV +30, conversión 25 % +20, 3 leads activos −15, disponible ahora +10 = 45 (la puntuación más alta; Luis: 30).');
  });

  it('says when a lead went to the pool and who claimed it', () => {
    expect(moveSentence({ kind: 'pool', from_user: null, to_user: null, from_name: null, to_name: null, explanation: {}, at: '' }, t)).toBe('Nadie disponible: a la bolsa de leads libres.');
    expect(moveSentence({ kind: 'claimed', from_user: null, to_user: 'l', from_name: null, to_name: 'Luis', explanation: {}, at: '' }, t)).toBe('Luis la reclamó de la bolsa.');
    expect(scoreText([{ factor: 'source', points: 20 }, { factor: 'no_contact', points: -5 }], t)).toBe('fuente +20, sin contacto −5');
  });
});
