import type { Lead, Sale } from '@lotbook/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { useCustomerStore } from '../customers/useCustomerStore.ts';
import type { IndexedVehicle } from '../inventory/read-model.ts';
import { Price, StatusBadge, vehicleTitle } from '../inventory/VehicleBits.tsx';
import { useTeamNames } from '../team/useTeamNames.ts';
import { CustomerPicker } from './CustomerPicker.tsx';
import type { SellBlock } from './sale-form.ts';
import { VehiclePicker } from './VehiclePicker.tsx';

/** The car being sold, why it cannot be sold when it cannot, or a search to pick one. */
export function VehicleChoice({ vehicleId, item, block, localSale, salespersonId, onChange, onPick }: {
  vehicleId: string | null;
  /** undefined while the inventory loads, null when the id is not on this device. */
  item: IndexedVehicle | null | undefined;
  block: SellBlock | null;
  localSale: Sale | null;
  salespersonId: string;
  onChange: () => void;
  onPick: (item: IndexedVehicle) => void;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const { user } = useRequiredSession();
  const names = useTeamNames();
  if (!vehicleId) return <VehiclePicker salespersonId={salespersonId} onPick={onPick} />;
  if (item === undefined) return <p className="muted">{t('form.loading')}</p>;
  if (item === null) {
    return (
      <>
        <p className="alert alert-warning" role="alert"><Icon name="alert" /><span>{t('form.vehicleMissing')}</span></p>
        <VehiclePicker salespersonId={salespersonId} onPick={onPick} />
      </>
    );
  }
  const v = item.v;
  const holder = v.reserved_by === user.id ? t('you') : (v.reserved_by && names.get(v.reserved_by)) || t('someone');
  const why = block === 'sold'
    ? [t('block.sold'), localSale ? t('block.soldOn', { date: fmt.date(localSale.sale_date), price: fmt.money(localSale.sale_price) }) : ''].join(' ').trim()
    : block === 'reserved_other'
      ? t('block.reserved_other', { name: holder, until: fmt.dateTime(v.reserved_until) })
      : block === 'maintenance' ? t('block.maintenance') : null;
  return (
    <div className="stack" data-testid="sale-vehicle">
      <div className="sform-chosen">
        <span className="sform-option-main">
          <Link to={`/inventory/${v.id}`}><strong>{vehicleTitle(v)} {v.year}</strong></Link>
          <span className="muted">{v.stock_number}{v.trim ? ` · ${v.trim}` : ''}</span>
        </span>
        <StatusBadge status={v.status} />
        <Price v={v} fmt={fmt} />
      </div>
      {why ? <p className="alert alert-danger" role="alert" data-testid="sale-vehicle-block"><Icon name="lock" /><span>{why}</span></p> : null}
      {!block && v.status === 'reserved' ? (
        <p className="alert alert-info"><Icon name="info" /><span>{t('block.reservedFor', { name: holder, until: fmt.dateTime(v.reserved_until) })}</span></p>
      ) : null}
      <button type="button" className="btn" onClick={onChange}>{t('form.changeVehicle')}</button>
    </div>
  );
}

/** The buyer: the lead's customer, one picked by search, or the search itself. */
export function CustomerChoice({ customerId, lead, leadId, onChange, onPick }: {
  customerId: string | null;
  lead: Lead | null | undefined;
  leadId: string | null;
  onChange: () => void;
  onPick: (customerId: string) => void;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const snapshot = useCustomerStore();
  const leadMissing = leadId && lead === null
    ? <p className="alert alert-warning" role="alert"><Icon name="alert" /><span>{t('form.lead.missing')}</span></p>
    : null;
  if (!customerId) return <>{leadMissing}<CustomerPicker onPick={onPick} /></>;
  if (!snapshot.ready) return <p className="muted">{t('form.loading')}</p>;
  const found = snapshot.byId.get(customerId);
  if (!found) {
    return (
      <>
        <p className="alert alert-warning" role="alert"><Icon name="alert" /><span>{t('form.customerMissing')}</span></p>
        <CustomerPicker onPick={onPick} />
      </>
    );
  }
  const c = found.c;
  return (
    <div className="stack" data-testid="sale-customer">
      {leadMissing}
      <div className="sform-chosen">
        <span className="sform-option-main">
          <Link to={`/customers/${c.id}`}><strong>{found.name}</strong></Link>
          <span className="muted">{[c.phone ? fmt.phone(c.phone) : null, c.email].filter(Boolean).join(' · ') || '—'}</span>
        </span>
        {lead && lead.customer_id === c.id ? <span className="badge badge-brand">{t('form.fromLead')}</span> : null}
      </div>
      <button type="button" className="btn" onClick={onChange}>{t('form.changeCustomer')}</button>
    </div>
  );
}
