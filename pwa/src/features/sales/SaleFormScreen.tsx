import { canTransitionLead, FINANCING_TYPES, type FinancingType, type Lead } from '@lotbook/shared';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { showToast } from '../../ui/toast.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { canEditInventory, canWrite } from '../inventory/permissions.ts';
import type { IndexedVehicle } from '../inventory/read-model.ts';
import { useInventory } from '../inventory/useInventory.ts';
import { checkSaleForm, defaultSalesperson, localDate, sellBlock, type SaleFormField, type SaleFormValues } from './sale-form.ts';
import { recordSale, SaleError, type LeadOutcome } from './save-sale.ts';
import { CustomerChoice, VehicleChoice } from './SaleChoices.tsx';
import { NumberField } from '../../ui/NumberInput.tsx';
import { SaleField, SaleInput } from './SaleField.tsx';
import { useLead, useSellers } from './useSaleContext.ts';
import { useVehicleSales } from './useSales.ts';
import './sales.css';

/** /sales/new?vehicle=<id>&lead=<id> (or &customer=<id>): records a completed sale on the device (works offline). */
export default function SaleFormScreen() {
  const { t } = useTranslation('sales');
  const { user } = useRequiredSession();
  usePageTitle(t('form.title'));
  if (!canWrite(user.role)) {
    return (
      <div className="page page-narrow">
        <h1>{t('form.title')}</h1>
        <p className="alert alert-warning" role="alert"><Icon name="lock" /><span>{t('form.forbidden')}</span></p>
      </div>
    );
  }
  return <SaleForm />;
}

const FIELD_ORDER: readonly SaleFormField[] = ['price', 'down', 'saleDate', 'deliveryDate'];

function SaleForm() {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const data = useData();
  const { user } = useRequiredSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const isManager = canEditInventory(user.role);
  const leadId = params.get('lead');
  const lead = useLead(leadId);
  const { model, snapshot } = useInventory();
  const sellers = useSellers();

  const [vehicleId, setVehicleId] = useState<string | null>(params.get('vehicle'));
  const [customerId, setCustomerId] = useState<string | null>(params.get('customer'));
  const [salespersonId, setSalespersonId] = useState(user.id);
  const [values, setValues] = useState<SaleFormValues>(() => ({ price: '', down: '0', financing: 'cash', saleDate: localDate(new Date()), deliveryDate: '', notes: '' }));
  const [touched, setTouched] = useState<ReadonlySet<SaleFormField>>(new Set());
  const [priceEdited, setPriceEdited] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  // snapshot.version makes the lookup follow changes to the car (sold or reserved meanwhile).
  const item = useMemo(() => (vehicleId && snapshot.ready ? (model.get(vehicleId) ?? null) : undefined), [model, vehicleId, snapshot]);
  const vehicleSales = useVehicleSales(vehicleId);
  const localSale = vehicleSales?.find((s) => s.status === 'completed') ?? null;
  const block = item ? sellBlock(item.v, salespersonId, localSale !== null) : null;

  // The lead (once loaded) brings its customer and, when nothing else was asked for, its car.
  const leadApplied = useRef(false);
  useEffect(() => {
    if (!lead || leadApplied.current) return;
    leadApplied.current = true;
    setCustomerId((c) => c ?? lead.customer_id);
    if (lead.preferences.vehicle_id) setVehicleId((v) => v ?? lead.preferences.vehicle_id);
  }, [lead]);

  // The price starts as the car's asking price until the user types one.
  useEffect(() => {
    if (item && !priceEdited) setValues((v) => ({ ...v, price: String(item.price) }));
  }, [item, priceEdited]);

  const check = useMemo(() => checkSaleForm(values, item?.price ?? null), [values, item]);
  // A price far from the list price is saved only once the user confirms it (issue 9).
  const [priceConfirmed, setPriceConfirmed] = useState<string | null>(null);
  const needsConfirm = check.priceWarning !== null && priceConfirmed !== values.price;
  const errorFor = (f: SaleFormField): string | null => {
    const e = check.errors[f];
    if (!e || !touched.has(f)) return null;
    return t(`form.errors.${e}`, { price: item ? fmt.money(item.price) : '' });
  };
  const set = (f: SaleFormField | 'financing' | 'notes', value: string) => {
    setValues((v) => ({ ...v, [f]: value }));
    if (f !== 'financing' && f !== 'notes') setTouched((s) => new Set(s).add(f));
    if (f === 'price') setPriceEdited(true);
    setSaveError(null);
  };

  // A manager selling a car someone reserved sells it for them, however the car was chosen (the
  // link on its page, the lead's car, the picker); once per car, so a later choice sticks.
  const sellerSetFor = useRef<string | null>(null);
  useEffect(() => {
    if (!item || sellerSetFor.current === item.v.id) return;
    sellerSetFor.current = item.v.id;
    const holder = defaultSalesperson(item.v, user.id, isManager);
    if (holder !== user.id) setSalespersonId(holder);
  }, [item, user.id, isManager]);

  function pickVehicle(i: IndexedVehicle) {
    setVehicleId(i.v.id);
    setSaveError(null);
  }

  const effectiveLead: Lead | null = lead && customerId === lead.customer_id ? lead : null;
  const errorCount = FIELD_ORDER.filter((f) => check.errors[f]).length;
  const blockers = [
    !item ? t('form.need.vehicle') : null,
    item && block ? t('form.need.vehicleBlocked') : null,
    !customerId ? t('form.need.customer') : null,
    errorCount > 0 ? t('form.need.fix', { count: errorCount }) : null,
    needsConfirm ? t('form.need.confirmPrice') : null,
  ].filter((b): b is string => b !== null);
  const canSubmit = blockers.length === 0 && !saving && check.fields !== null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(new Set(FIELD_ORDER));
    if (!canSubmit || !item || !customerId || !check.fields) return;
    setSaving(true);
    setSaveError(null);
    try {
      const result = await recordSale(data, user, {
        vehicleId: item.v.id,
        customerId,
        salespersonId,
        leadId: effectiveLead?.id ?? null,
        ...check.fields,
        financing_type: values.financing,
        notes: values.notes,
      });
      showToast(savedMessage(result.lead), { duration: result.lead.kind === 'none' ? 5000 : 9000 });
      void navigate('/sales');
    } catch (err) {
      setSaving(false);
      if (err instanceof SaleError) setSaveError(t(`form.saveError.${err.code}`));
      else {
        console.error(err);
        setSaveError(t('form.saveError.failed'));
      }
    }
  }

  function savedMessage(outcome: LeadOutcome): string {
    if (outcome.kind === 'unchanged') return t('saved.unchanged', { status: t(`leadStatus.${outcome.status}`) });
    return t(`saved.${outcome.kind}`);
  }

  return (
    <form className="page page-narrow sform" onSubmit={submit} noValidate aria-labelledby="sale-form-title">
      <div className="page-header">
        <Link to={vehicleId ? `/inventory/${vehicleId}` : '/sales'} className="btn btn-ghost btn-icon" aria-label={t('common:back')}><Icon name="back" /></Link>
        <h1 id="sale-form-title">{t('form.title')}</h1>
      </div>

      <fieldset className="card sform-section">
        <legend>{t('form.vehicle')}</legend>
        <VehicleChoice
          vehicleId={vehicleId}
          item={item}
          block={block}
          localSale={localSale}
          salespersonId={salespersonId}
          onChange={() => setVehicleId(null)}
          onPick={pickVehicle}
        />
      </fieldset>

      <fieldset className="card sform-section">
        <legend>{t('form.customer')}</legend>
        <CustomerChoice customerId={customerId} lead={lead} leadId={leadId} onChange={() => setCustomerId(null)} onPick={setCustomerId} />
      </fieldset>

      <fieldset className="card sform-section sform-grid">
        <legend>{t('form.terms')}</legend>
        {isManager ? (
          <SaleField label={t('form.salesperson')}>
            {(a11y) => (
              <select className="select" value={salespersonId} onChange={(e) => setSalespersonId(e.target.value)} {...a11y}>
                {sellers.some((s) => s.id === salespersonId) ? null : <option value={salespersonId}>{salespersonId === user.id ? `${user.first_name} ${user.last_name}` : salespersonId}</option>}
                {sellers.map((s) => <option key={s.id} value={s.id}>{`${s.first_name} ${s.last_name}`}</option>)}
              </select>
            )}
          </SaleField>
        ) : null}
        <NumberField label={t('form.price')} value={values.price} onValueChange={(v) => set('price', v)} error={errorFor('price')}
          hint={item ? t('form.priceHint', { price: fmt.money(item.price) }) : undefined} required />
        {check.priceWarning && item ? (
          <label className="checkbox span-all alert alert-warning" data-testid="price-confirm">
            <input type="checkbox" checked={!needsConfirm} onChange={(e) => setPriceConfirmed(e.target.checked ? values.price : null)} />
            <span>{t(`form.priceWarning.${check.priceWarning}`, { price: fmt.money(check.fields?.sale_price ?? 0), list: fmt.money(item.price) })}</span>
          </label>
        ) : null}
        <NumberField label={t('form.down')} value={values.down} onValueChange={(v) => set('down', v)} error={errorFor('down')}
          hint={t('form.downHint')} allowNegative required />
        <SaleField label={t('form.financing')}>
          {(a11y) => (
            <select className="select" value={values.financing} onChange={(e) => set('financing', e.target.value as FinancingType)} {...a11y}>
              {FINANCING_TYPES.map((f) => <option key={f} value={f}>{t(`financing.${f}`)}</option>)}
            </select>
          )}
        </SaleField>
        <SaleInput label={t('form.saleDate')} type="date" value={values.saleDate} onChange={(e) => set('saleDate', e.target.value)} error={errorFor('saleDate')} required />
        <SaleInput label={t('form.deliveryDate')} type="date" value={values.deliveryDate} min={values.saleDate || undefined}
          onChange={(e) => set('deliveryDate', e.target.value)} error={errorFor('deliveryDate')} hint={t('form.deliveryHint')} />
        <div className="span-all">
          <SaleField label={t('form.notes')}>
            {(a11y) => <textarea className="textarea" value={values.notes} onChange={(e) => set('notes', e.target.value)} maxLength={10_000} {...a11y} />}
          </SaleField>
        </div>
      </fieldset>

      {effectiveLead ? <LeadNote lead={effectiveLead} /> : lead && customerId && customerId !== lead.customer_id ? (
        <p className="alert alert-info"><Icon name="info" /><span>{t('form.lead.otherCustomer')}</span></p>
      ) : null}
      {saveError ? <p className="alert alert-danger" role="alert"><Icon name="alert" /><span>{saveError}</span></p> : null}
      {blockers.length > 0 ? (
        <ul id="sale-blockers" className="sform-blockers" aria-live="polite" data-testid="sale-blockers">
          {blockers.map((b) => <li key={b}>{b}</li>)}
        </ul>
      ) : null}
      <div className="sform-actions">
        <Link to={vehicleId ? `/inventory/${vehicleId}` : '/sales'} className="btn">{t('common:cancel')}</Link>
        <button type="submit" className="btn btn-primary" disabled={!canSubmit} aria-describedby={blockers.length > 0 ? 'sale-blockers' : undefined}>
          {saving ? <span className="spinner" aria-hidden="true" /> : <Icon name="check" />}
          {t('form.save')}
        </button>
      </div>
    </form>
  );
}

/** What saving will do to the lead: only a negotiating lead can become won. */
function LeadNote({ lead }: { lead: Lead }) {
  const { t } = useTranslation('sales');
  const text = lead.status === 'closed_won'
    ? t('form.lead.alreadyWon')
    : canTransitionLead(lead.status, 'closed_won')
      ? t('form.lead.willClose')
      : t('form.lead.stays', { status: t(`leadStatus.${lead.status}`) });
  return <p className={`alert ${lead.status === 'closed_won' || canTransitionLead(lead.status, 'closed_won') ? 'alert-info' : 'alert-warning'}`} data-testid="lead-note"><Icon name="info" /><span>{text}</span></p>;
}
