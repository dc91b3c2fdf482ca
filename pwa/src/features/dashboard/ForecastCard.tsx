import { useTranslation } from 'react-i18next';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Formatter } from '../../i18n/format.ts';
import type { ForecastData } from './types.ts';

/** Weekly revenue forecast with its 80% interval (a band), and the model's backtest error. */
export function ForecastCard({ data, fmt }: { data: ForecastData; fmt: Formatter }) {
  const { t } = useTranslation('dashboard');
  const title = t('forecast.title');
  if (!data.enough_history || !data.total) {
    return <section className="card dash-chart" data-testid="chart-forecast" aria-label={title}><h2>{title}</h2><p>{t('forecast.notEnough')}</p></section>;
  }
  const points = data.total.forecast.map((p) => ({ label: fmt.date(`${p.week}T12:00:00Z`).replace(/\s?\d{4}$/, ''), value: p.revenue, band: [p.revenue_low, p.revenue_high] as [number, number], low: p.revenue_low, high: p.revenue_high }));
  const bt = data.total.backtest.units;
  return (
    <section className="card dash-chart" data-testid="chart-forecast" aria-label={title}>
      <h2>{title}</h2>
      <div className="dash-chart-plot" inert>
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis tick={{ fill: 'var(--text-muted)', fontSize: 12 }} width={72} tickFormatter={(v: number) => `${fmt.number(v / 1000)}k`} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => fmt.money(Number(x))).join(' – ') : fmt.money(Number(v)))} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            <Area dataKey="band" stroke="none" fill="var(--brand-soft)" isAnimationActive={false} />
            <Line dataKey="value" stroke="var(--brand)" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="dash-kpi-hint">{t('forecast.backtest', { model: fmt.number(bt.model_mape, 1), baseline: fmt.number(bt.baseline_mape, 1) })}</p>
      <div className="visually-hidden"><table>
        <caption>{title}</caption>
        <tbody>{points.map((p) => <tr key={p.label}><th scope="row">{p.label}</th><td>{fmt.money(p.value)} ({fmt.money(p.low)} – {fmt.money(p.high)})</td></tr>)}</tbody>
      </table></div>
    </section>
  );
}
