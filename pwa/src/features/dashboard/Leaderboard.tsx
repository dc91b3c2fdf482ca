import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '../../i18n/format.ts';
import type { SellerRow } from './types.ts';

const COLUMNS = ['name', 'units', 'revenue', 'front_gross', 'commission', 'progress_units', 'progress_revenue', 'closing_ratio', 'conversion_rate', 'median_response_minutes', 'active_leads'] as const;
type Column = (typeof COLUMNS)[number];

function cell(fmt: Formatter, col: Column, r: SellerRow): string {
  switch (col) {
    case 'name': return r.name;
    case 'revenue': case 'front_gross': case 'commission': return fmt.money(r[col]);
    case 'closing_ratio': case 'conversion_rate': case 'progress_units': case 'progress_revenue': return r[col] === null ? '—' : `${fmt.number(r[col], 1)} %`;
    case 'median_response_minutes': return r[col] === null ? '—' : `${fmt.number(r[col], 0)} min`;
    default: return fmt.number(r[col]);
  }
}

/** The leaderboard, sortable by any column (click or Enter on the header button). */
export function Leaderboard({ rows, fmt, showGross }: { rows: SellerRow[]; fmt: Formatter; showGross: boolean }) {
  const { t } = useTranslation('dashboard');
  const [sort, setSort] = useState<{ col: Column; desc: boolean }>({ col: 'revenue', desc: true });
  // Commission and target columns only when the dealership has a plan or targets for the period.
  const has = (c: Column) => rows.some((r) => r[c] !== null);
  const cols = COLUMNS.filter((c) => (showGross || c !== 'front_gross') && (!['commission', 'progress_units', 'progress_revenue'].includes(c) || has(c)));
  const sorted = useMemo(() => rows.toSorted((a, b) => {
    const x = a[sort.col];
    const y = b[sort.col];
    const cmp = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : (x ?? -Infinity) - (y ?? -Infinity);
    return sort.desc ? -cmp : cmp;
  }), [rows, sort]);
  return (
    <section className="card dash-table-card" aria-labelledby="dash-leaderboard" data-testid="leaderboard">
      <h2 id="dash-leaderboard">{t('leaderboard.title')}</h2>
      <div className="dash-table-scroll">
        <table className="dash-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c} scope="col" aria-sort={sort.col === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" onClick={() => setSort((s) => ({ col: c, desc: s.col === c ? !s.desc : c !== 'name' }))}>
                    {t(`leaderboard.${c}`)}{sort.col === c ? <span aria-hidden="true">{sort.desc ? ' ↓' : ' ↑'}</span> : null}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => <tr key={r.user_id}>{cols.map((c) => (c === 'name' ? <th key={c} scope="row">{r.name}</th> : <td key={c}>{cell(fmt, c, r)}</td>))}</tr>)}
            {sorted.length === 0 ? <tr><td colSpan={cols.length}>{t('leaderboard.empty')}</td></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
