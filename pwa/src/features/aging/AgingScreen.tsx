import type { PriceSuggestion } from '@lotbook/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { api } from '../../app/runtime.ts';
import { useFormat } from '../../i18n/format.ts';
import { showToast } from '../../ui/toast.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { promoteVehicle } from './promote.ts';
import '../routing/routing.css';

interface AgingCar {
  id: string;
  stock_number: string;
  make: string;
  model: string;
  year: number;
  price: number;
  promo_price: number | null;
  is_promotion: boolean;
  days_in_stock: number;
  bucket: string;
  suggestion: PriceSuggestion | null;
}
interface AgingData {
  buckets: Record<string, number>;
  aged: number;
  history_sales: number;
  cars: AgingCar[];
}

/**
 * `/inventory/aging` "Stock envejecido" (managers): buckets, the cars oldest first with a price
 * suggestion for those over 60 days, and one-tap promotion. The list needs a connection (the
 * suggestions come from the server's sales history); the promotion itself is a local write.
 */
export default function AgingScreen() {
  const { t } = useTranslation('aging');
  usePageTitle(t('title'));
  const { user } = useRequiredSession();
  const { db } = useData();
  const fmt = useFormat();
  const online = useOnline();
  const [data, setData] = useState<AgingData | null>(null);
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [promoted, setPromoted] = useState<Record<string, number>>({});
  const manager = user.role === 'manager' || user.role === 'admin';
  useEffect(() => {
    if (online && manager) void api.get<AgingData>('/api/v1/aging').then(setData, () => undefined);
  }, [online, manager]);
  if (!manager) return <Navigate to="/inventory" replace />;

  async function promote(car: AgingCar) {
    const price = Number(prices[car.id] ?? car.suggestion?.suggested_price ?? car.price);
    const failed = await promoteVehicle(db.vehicles, car.id, price);
    if (failed) showToast(t('promoteFailed', { message: failed }));
    else {
      setPromoted({ ...promoted, [car.id]: price });
      showToast(t('promoted', { car: `${car.make} ${car.model}`, price: fmt.money(price) }));
    }
  }
  const basis = (s: PriceSuggestion) =>
    s.basis === 'history' ? t('basis.history', { segment: s.segment === 'dealership' ? t('basis.all') : s.segment_label, count: s.sales_count }) : t('basis.fallback');

  return (
    <div className="page aging-page">
      <h1>{t('title')}</h1>
      {!online ? <p className="alert" role="status">{t('needsConnection')}</p> : null}
      {data ? (
        <>
          <dl className="aging-buckets" data-testid="aging-buckets">
            {Object.entries(data.buckets).map(([b, n]) => (
              <div key={b} className="card"><dt>{t('bucket', { range: b })}</dt><dd>{n}</dd></div>
            ))}
          </dl>
          <ul className="aging-list">
            {data.cars.filter((c) => c.suggestion).map((c) => {
              const on = c.is_promotion || promoted[c.id] !== undefined;
              const current = promoted[c.id] ?? c.promo_price;
              const id = `promo-${c.id}`;
              return (
                <li key={c.id} className="card aging-car" data-testid="aged-car">
                  <p><Link to={`/inventory/${c.id}`}><strong>{c.make} {c.model} {c.year}</strong></Link> · {c.stock_number} · <span className="badge">{t('days', { count: c.days_in_stock })}</span>
                    {on ? <> <span className="badge badge-danger">{t('onPromotion')}</span></> : null}</p>
                  <p>{t('listPrice')}: {fmt.money(c.price)}{on && current !== null ? ` → ${fmt.money(current)}` : ''}</p>
                  {c.suggestion ? <p data-testid="suggestion">{t('suggested', { price: fmt.money(c.suggestion.suggested_price), pct: Math.round(c.suggestion.discount * 100) })} <span className="muted">({basis(c.suggestion)})</span></p> : null}
                  <form className="aging-promo" onSubmit={(e) => { e.preventDefault(); void promote(c); }}>
                    <label className="field" htmlFor={id}>{t('promoPrice')}
                      <input id={id} className="input" type="number" inputMode="decimal" min={1} value={prices[c.id] ?? String(c.suggestion?.suggested_price ?? c.price)} onChange={(e) => setPrices({ ...prices, [c.id]: e.target.value })} />
                    </label>
                    <button type="submit" className="btn btn-primary">{on ? t('updatePromotion') : t('promote')}</button>
                  </form>
                </li>
              );
            })}
          </ul>
          {data.aged === 0 ? <p className="muted">{t('noneAged')}</p> : null}
        </>
      ) : null}
    </div>
  );
}
