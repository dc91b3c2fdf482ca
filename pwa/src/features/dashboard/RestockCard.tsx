import { useTranslation } from 'react-i18next';
import type { Formatter } from '../../i18n/format.ts';
import type { RestockData, RestockSegment } from './types.ts';

/** What to buy (short supply, selling fast) and what to stop buying (overstocked). */
export function RestockCard({ data, fmt }: { data: RestockData; fmt: Formatter }) {
  const { t } = useTranslation('dashboard');
  const label = (s: RestockSegment) => (s.dimension === 'price_band' ? t('restock.band', { band: s.segment.replace(/\d+/g, (n) => fmt.money(Number(n))) }) : s.dimension === 'body_type' ? t(`restock.body.${s.segment}`, { defaultValue: s.segment }) : s.segment);
  const list = (rows: RestockSegment[]) => (rows.length === 0 ? <p>{t('restock.none')}</p> : (
    <ul className="dash-restock">
      {rows.slice(0, 6).map((s) => (
        <li key={`${s.dimension}:${s.segment}`}>
          <strong>{label(s)}</strong>
          <span>{t('restock.line', { stock: fmt.number(s.in_stock), sold: fmt.number(s.sold_30d), days: s.days_supply === null ? '—' : fmt.number(s.days_supply, 0) })}</span>
        </li>
      ))}
    </ul>
  ));
  return (
    <section className="card dash-chart" data-testid="restock" aria-labelledby="dash-restock">
      <h2 id="dash-restock">{t('restock.title')}</h2>
      <h3>{t('restock.buy')}</h3>
      {list(data.restock)}
      <h3>{t('restock.stop')}</h3>
      {list(data.overstocked)}
    </section>
  );
}
