import { agingBucket, daysInStock, type Vehicle } from '@lotbook/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useNow, useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { offersSale } from '../sales/sale-form.ts';
import { Gallery } from './Gallery.tsx';
import { canEditInventory, canWrite } from './permissions.ts';
import { ReservationPanel } from './ReservationPanel.tsx';
import { SpecList } from './SpecList.tsx';
import { useVehicleDoc } from './useVehicleDoc.ts';
import { AgingBadge, Price, StatusBadge, vehicleTitle } from './VehicleBits.tsx';
import './inventory.css';
import './detail.css';

export default function VehicleDetailScreen() {
  const { t } = useTranslation('inventory');
  const { id } = useParams();
  const doc = useVehicleDoc(id);
  const { user } = useRequiredSession();
  const fmt = useFormat();
  const now = useNow(60_000);
  const v = doc ? (doc.toJSON() as Vehicle) : null;
  usePageTitle(v ? vehicleTitle(v) : t('title'));

  if (doc === undefined) return <PageSpinner />;
  if (!doc || !v) {
    return (
      <div className="page">
        <div className="empty">
          <Icon name="car" />
          <p>{t('notFound')}</p>
          <Link to="/inventory" className="btn">{t('backToInventory')}</Link>
        </div>
      </div>
    );
  }
  const days = daysInStock(v.acquired_at, new Date(now));
  return (
    <div className="page vdetail">
      <div className="page-header">
        <Link to="/inventory" className="btn btn-ghost btn-icon" aria-label={t('backToInventory')}>
          <Icon name="back" />
        </Link>
        <h1>
          {vehicleTitle(v)} <span className="muted vdetail-year">{v.year}</span>
        </h1>
        {canEditInventory(user.role) ? (
          <Link to={`/inventory/${v.id}/edit`} className="btn">
            <Icon name="edit" />
            {t('edit')}
          </Link>
        ) : null}
      </div>
      <div className="vdetail-grid">
        <Gallery images={v.images} title={vehicleTitle(v)} />
        <section className="card vdetail-summary" aria-label={t('summary')}>
          <div className="row">
            <StatusBadge status={v.status} />
            {v.is_promotion ? <span className="badge badge-danger">{t('promo')}</span> : null}
            <AgingBadge acquiredAt={v.acquired_at} now={now} />
          </div>
          {v.trim ? <p className="muted">{v.trim}</p> : null}
          <Price v={v} fmt={fmt} large />
          <dl className="vdetail-facts">
            <div>
              <dt><Icon name="mapPin" /> {t('spec.lot_location')}</dt>
              <dd>{v.lot_location ?? '—'}</dd>
            </div>
            <div>
              <dt><Icon name="clock" /> {t('spec.days_in_stock')}</dt>
              <dd>
                {t('daysInStock', { count: days })} · {t('agingBucket', { bucket: agingBucket(days) })}
              </dd>
            </div>
          </dl>
          <ReservationPanel doc={doc} v={v} />
          {canWrite(user.role) && offersSale(v, user.id, canEditInventory(user.role)) ? (
            <Link to={`/sales/new?vehicle=${v.id}`} className="btn btn-primary" data-testid="record-sale">
              <Icon name="tag" />
              {t('recordSale')}
            </Link>
          ) : null}
        </section>
      </div>
      <SpecList v={v} />
    </div>
  );
}
