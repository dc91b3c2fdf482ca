import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Formatter } from '../../i18n/format.ts';
import type { IndexedVehicle } from './read-model.ts';
import { AgingBadge, Price, StatusBadge, VehiclePhoto, vehicleTitle } from './VehicleBits.tsx';

export interface VehicleItemProps {
  item: IndexedVehicle;
  fmt: Formatter;
  now: number;
  pos: number;
  size: number;
}

/** A card in the inventory grid: photo, status, title, key facts and price. */
export const VehicleCard = memo(function VehicleCard({ item: { v }, fmt, now, pos, size }: VehicleItemProps) {
  const { t } = useTranslation('inventory');
  return (
    <Link to={`/inventory/${v.id}`} className="vcard card" role="listitem" aria-posinset={pos} aria-setsize={size} data-testid="vehicle-item">
      <div className="vcard-photo">
        <VehiclePhoto v={v} />
        <div className="vcard-badges">
          <StatusBadge status={v.status} />
          {v.is_promotion ? <span className="badge badge-danger">{t('promo')}</span> : null}
        </div>
      </div>
      <div className="vcard-body">
        <h2 className="vcard-title">{vehicleTitle(v)}</h2>
        <p className="vcard-trim muted">{[v.trim, v.year].filter(Boolean).join(' · ')}</p>
        <p className="vcard-facts muted">
          {fmt.km(v.mileage)} · {t(`fuel.${v.fuel_type}`)}
          {v.lot_location ? ` · ${v.lot_location}` : ''}
        </p>
        <div className="vcard-foot">
          <Price v={v} fmt={fmt} />
          <AgingBadge acquiredAt={v.acquired_at} now={now} />
        </div>
      </div>
    </Link>
  );
});

/** A compact row in the inventory list. */
export const VehicleRow = memo(function VehicleRow({ item: { v }, fmt, now, pos, size }: VehicleItemProps) {
  const { t } = useTranslation('inventory');
  return (
    <Link to={`/inventory/${v.id}`} className="vrow" role="listitem" aria-posinset={pos} aria-setsize={size} data-testid="vehicle-item">
      <VehiclePhoto v={v} className="vrow-photo" />
      <div className="vrow-main">
        <h2 className="vrow-title">
          {vehicleTitle(v)} <span className="muted vrow-year">{v.year}</span>
        </h2>
        <p className="muted vrow-facts">
          {[v.trim, fmt.km(v.mileage), t(`fuel.${v.fuel_type}`), v.lot_location].filter(Boolean).join(' · ')}
        </p>
        <div className="row vrow-badges">
          <StatusBadge status={v.status} />
          <AgingBadge acquiredAt={v.acquired_at} now={now} />
        </div>
      </div>
      <Price v={v} fmt={fmt} />
    </Link>
  );
});
