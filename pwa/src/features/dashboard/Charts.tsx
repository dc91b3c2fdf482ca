import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Formatter } from '../../i18n/format.ts';

const PALETTE = ['var(--brand)', 'var(--success)', 'var(--warning)', 'var(--danger)', 'var(--text-muted)', 'var(--border-strong)'];

export interface Point {
  label: string;
  value: number;
}

interface ChartProps {
  title: string;
  points: Point[];
  fmt: Formatter;
  money?: boolean;
  testId: string;
}

/** A bar chart in a card, with the figures also as a visually hidden table for screen readers. */
export function BarCard({ title, points, fmt, money = false, testId }: ChartProps) {
  const show = (v: number) => (money ? fmt.money(v) : fmt.number(v));
  return (
    <section className="card dash-chart" data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      <div className="dash-chart-plot" inert>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis tick={{ fill: 'var(--text-muted)', fontSize: 12 }} width={money ? 72 : 40} tickFormatter={(v: number) => (money ? fmt.number(v / 1000) + 'k' : fmt.number(v))} />
            <Tooltip formatter={(v) => show(Number(v))} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
            <Bar dataKey="value" fill="var(--brand)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <FigureTable title={title} points={points} show={show} />
    </section>
  );
}

/** A doughnut in a card (shares of a whole), with a legend that carries the numbers. */
export function PieCard({ title, points, fmt, testId }: ChartProps) {
  const shown = points.filter((p) => p.value > 0);
  return (
    <section className="card dash-chart" data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      <div className="dash-chart-plot" inert>
        <ResponsiveContainer width="100%" height={180}>
          <PieChart accessibilityLayer={false}>
            <Pie data={shown} dataKey="value" nameKey="label" innerRadius={45} outerRadius={75} isAnimationActive={false}>
              {shown.map((p, i) => <Cell key={p.label} fill={PALETTE[i % PALETTE.length]} />)}
            </Pie>
            <Tooltip formatter={(v) => fmt.number(Number(v))} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul className="dash-legend">
        {shown.map((p, i) => (
          <li key={p.label}><span className="dash-swatch" style={{ background: PALETTE[i % PALETTE.length] }} />{p.label}<strong>{fmt.number(p.value)}</strong></li>
        ))}
      </ul>
    </section>
  );
}

function FigureTable({ title, points, show }: { title: string; points: Point[]; show: (v: number) => string }) {
  return (
    <div className="visually-hidden"><table>
      <caption>{title}</caption>
      <tbody>{points.map((p) => <tr key={p.label}><th scope="row">{p.label}</th><td>{show(p.value)}</td></tr>)}</tbody>
    </table></div>
  );
}
