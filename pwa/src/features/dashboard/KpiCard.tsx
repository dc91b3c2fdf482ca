import { useTranslation } from 'react-i18next';
import type { Formatter } from '../../i18n/format.ts';

interface Props {
  id: string;
  label: string;
  value: string;
  /** Growth against the previous period, %; null when there is nothing to compare with. */
  growth?: number | null;
  hint?: string;
  fmt: Formatter;
}

/** A headline figure with its growth arrow (▲ green, ▼ red) and an optional hint line. */
export function KpiCard({ id, label, value, growth, hint, fmt }: Props) {
  const { t } = useTranslation('dashboard');
  const dir = growth === undefined || growth === null ? null : growth > 0 ? 'up' : growth < 0 ? 'down' : 'flat';
  return (
    <section className="card dash-kpi" data-testid={`kpi-${id}`} aria-labelledby={`kpi-${id}-label`}>
      <h2 id={`kpi-${id}-label`}>{label}</h2>
      <p className="dash-kpi-value">{value}</p>
      {growth !== undefined ? (
        <p className={`dash-growth dash-growth-${dir ?? 'none'}`}>
          {dir === null ? t('growth.none') : (
            <>
              <span aria-hidden="true">{dir === 'up' ? '▲' : dir === 'down' ? '▼' : '▬'}</span>{' '}
              {t(`growth.${dir}`, { value: fmt.number(Math.abs(growth ?? 0), 1) })}
            </>
          )}
        </p>
      ) : null}
      {hint ? <p className="dash-kpi-hint">{hint}</p> : null}
    </section>
  );
}

/** The same card's shape while loading. */
export function KpiSkeleton() {
  return <div className="card dash-kpi dash-skeleton" aria-hidden="true"><span /><span /><span /></div>;
}
