import type { Lead } from '@lotbook/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/runtime.ts';
import { useOnline } from '../../ui/useOnline.ts';
import { moveSentence, scoreText, type RoutingMove, type T } from './explain.ts';

/**
 * On the lead screen: the lead score with its factors (replicated with the lead, so offline too)
 * and why the lead went to its owner (GET /api/v1/routing/leads/{id}, online only: the routing
 * log is not replicated).
 */
export function RoutingPanel({ lead }: { lead: Lead }) {
  const { t } = useTranslation('routing');
  const online = useOnline();
  const [moves, setMoves] = useState<RoutingMove[] | null>(null);
  useEffect(() => {
    if (!online) return;
    let live = true;
    api.get<{ moves: RoutingMove[] }>(`/api/v1/routing/leads/${lead.id}`).then(
      (r) => live && setMoves(r.moves),
      () => live && setMoves(null),
    );
    return () => {
      live = false;
    };
  }, [online, lead.id, lead.assigned_to]);
  const tt = t as unknown as T;
  return (
    <section className="card lead-section" aria-labelledby="lead-routing">
      <h2 id="lead-routing" className="lead-section-title">{t('explanation')}</h2>
      <p data-testid="lead-score">
        <strong>{t('score.title', { score: lead.score })}</strong>
        {lead.score_factors.length ? `: ${scoreText(lead.score_factors, tt)}` : null}
      </p>
      {!online ? <p className="muted">{t('offline')}</p> : moves === null ? null : moves.length === 0 ? (
        <p className="muted">{t('noMoves')}</p>
      ) : (
        <ul className="routing-moves" data-testid="routing-explanation">
          {moves.map((m) => <li key={`${m.kind}-${m.at}`}>{moveSentence(m, tt)}</li>)}
        </ul>
      )}
    </section>
  );
}
