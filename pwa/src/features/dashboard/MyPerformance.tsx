import { useTranslation } from 'react-i18next';
import type { Formatter } from '../../i18n/format.ts';
import type { SellersData } from './types.ts';

/** "Mi rendimiento": a salesperson's own units, revenue, conversion and response time against the team median. */
export function MyPerformance({ data, fmt }: { data: SellersData; fmt: Formatter }) {
  const { t } = useTranslation('dashboard');
  const me = data.sellers[0];
  const m = data.team_median;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${fmt.number(v, 1)} %`);
  const min = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${fmt.number(v, 0)} min`);
  const rows = [
    { key: 'units', mine: fmt.number(me?.units), team: fmt.number(m.units, 1) },
    { key: 'revenue', mine: fmt.money(me?.revenue), team: fmt.money(m.revenue) },
    { key: 'conversion_rate', mine: pct(me?.conversion_rate), team: pct(m.conversion_rate) },
    { key: 'median_response_minutes', mine: min(me?.median_response_minutes), team: min(m.median_response_minutes) },
    ...(me?.commission !== null && me?.commission !== undefined ? [{ key: 'commission', mine: fmt.money(me.commission), team: '' }] : []),
    ...(me?.target_units !== null && me?.target_units !== undefined ? [{ key: 'progress_units', mine: `${pct(me.progress_units)} · ${fmt.number(me.units)}/${fmt.number(me.target_units)}`, team: '' }] : []),
    ...(me?.target_revenue !== null && me?.target_revenue !== undefined ? [{ key: 'progress_revenue', mine: `${pct(me.progress_revenue)} · ${fmt.money(me.target_revenue)}`, team: '' }] : []),
  ];
  return (
    <section className="card dash-table-card" aria-labelledby="dash-mine" data-testid="my-performance">
      <h2 id="dash-mine">{t('mine.title')}</h2>
      <div className="dash-table-scroll"><table className="dash-table">
        <thead><tr><th scope="col">{t('mine.figure')}</th><th scope="col">{t('mine.me')}</th><th scope="col">{t('mine.team')}</th></tr></thead>
        <tbody>{rows.map((r) => <tr key={r.key}><th scope="row">{t(`leaderboard.${r.key}`)}</th><td>{r.mine}</td><td>{r.team}</td></tr>)}</tbody>
      </table></div>
    </section>
  );
}
