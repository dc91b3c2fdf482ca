import type { RoutingDecision, RoutingFactor } from '@lotbook/shared';

export type T = (key: string, opts?: Record<string, unknown>) => string;

export interface RoutingMove {
  kind: 'assigned' | 'pool' | 'escalated' | 'claimed';
  from_user: string | null;
  to_user: string | null;
  from_name: string | null;
  to_name: string | null;
  explanation: Partial<RoutingDecision> & { lead_score?: number; due_at?: string | null };
  at: string;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');

/** One factor in words: "especialista en SUV +30", "3 leads activos −15". */
export function factorText(f: RoutingFactor, t: T): string {
  return `${t(`routing:factor.${f.factor}`, { value: f.value, count: typeof f.value === 'number' ? f.value : 0 })} ${signed(f.points)}`;
}

/**
 * The sentence the lead screen shows for a routing move, e.g. "Asignado a Ana: especialista en
 * SUV +30, conversión 25 % +20, 3 leads activos −15, disponible +10 = 45 (Luis: 30)".
 */
export function moveSentence(m: RoutingMove, t: T): string {
  const e = m.explanation;
  if (m.kind === 'claimed') return t('routing:move.claimed', { name: m.to_name ?? '' });
  if (!m.to_user) return m.kind === 'escalated' ? t('routing:move.escalatedToPool', { from: m.from_name ?? '' }) : t('routing:move.pool');
  const winner = e.candidates?.find((c) => c.user_id === m.to_user);
  const factors = winner ? `${winner.factors.map((f) => factorText(f, t)).join(', ')} = ${winner.total}` : '';
  const head = m.kind === 'escalated' ? t('routing:move.escalated', { from: m.from_name ?? '', name: m.to_name ?? '' }) : t('routing:move.assigned', { name: m.to_name ?? '' });
  const why = e.why ? t(`routing:why.${e.why}`, { name: e.runner_up?.name ?? '', total: e.runner_up?.total ?? 0 }) : '';
  const hot = e.hot ? ` ${t('routing:hot')}` : '';
  return `${head}: ${factors}${why ? ` (${why})` : ''}.${hot}`;
}

/** The lead score's factors in words: "Fuente +20, encaje con el stock +30 …". */
export function scoreText(factors: readonly { factor: string; points: number }[], t: T): string {
  return factors.map((f) => `${t(`routing:score.${f.factor}`, { defaultValue: f.factor })} ${signed(f.points)}`).join(', ');
}
