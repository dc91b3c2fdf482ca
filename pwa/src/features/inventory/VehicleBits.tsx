import { agingBucket, daysInStock, isAged, type Vehicle, type VehicleStatus } from '@lotbook/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Formatter } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';

const STATUS_TONE: Record<VehicleStatus, string> = {
  available: 'badge-success',
  reserved: 'badge-warning',
  sold: '',
  maintenance: 'badge-info',
};

export function vehicleTitle(v: Pick<Vehicle, 'make' | 'model'>): string {
  return `${v.make} ${v.model}`;
}

export function StatusBadge({ status }: { status: VehicleStatus }) {
  const { t } = useTranslation('inventory');
  return <span className={`badge ${STATUS_TONE[status]}`} data-status={status}>{t(`status.${status}`)}</span>;
}

/** Days in stock with the aging bucket; aged cars (> 60 days) stand out. */
export function AgingBadge({ acquiredAt, now }: { acquiredAt: string; now: number }) {
  const { t } = useTranslation('inventory');
  const days = daysInStock(acquiredAt, new Date(now));
  const aged = isAged(days);
  return (
    <span className={`badge ${aged ? 'badge-danger' : 'badge-brand'}`} title={t('agingBucket', { bucket: agingBucket(days) })}>
      <Icon name="clock" width={12} height={12} />
      {t('daysInStock', { count: days })}
    </span>
  );
}

/** Price, with the regular price struck through while a promotion runs. */
export function Price({ v, fmt, large }: { v: Pick<Vehicle, 'price' | 'promo_price' | 'is_promotion'>; fmt: Formatter; large?: boolean }) {
  const { t } = useTranslation('inventory');
  const promo = v.is_promotion && v.promo_price !== null && v.promo_price > 0;
  return (
    <span className={`price${large ? ' price-lg' : ''}`}>
      {promo ? (
        <>
          <span className="price-now">{fmt.money(v.promo_price)}</span>{' '}
          <s className="price-was"><span className="visually-hidden">{t('wasPrice')} </span>{fmt.money(v.price)}</s>
        </>
      ) : (
        <span className="price-now">{fmt.money(v.price)}</span>
      )}
    </span>
  );
}

/** The cover photo, or a neutral placeholder. Lazy and async so long lists stay smooth. */
export function VehiclePhoto({ v, className, eager }: { v: Pick<Vehicle, 'images' | 'make' | 'model'>; className?: string; eager?: boolean }) {
  const src = v.images[0];
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) {
    return (
      <div className={`photo-placeholder ${className ?? ''}`} aria-hidden="true">
        <Icon name="car" />
      </div>
    );
  }
  // A photo that cannot load (offline and never cached) falls back to the placeholder.
  return <img className={className} src={src} alt="" loading={eager ? 'eager' : 'lazy'} decoding="async" onError={() => setFailed(src)} />;
}
