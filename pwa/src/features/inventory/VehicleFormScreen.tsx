import { BODY_TYPES, FUEL_TYPES, TRANSMISSIONS, VEHICLE_STATUSES, consumptionUnit, normalizeVin, type Vehicle, type VinDecoded } from '@lotbook/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useData, useRequiredSession, useSyncStatus } from '../../app/hooks.ts';
import { savedText } from '../../ui/saved-toast.ts';
import { Icon } from '../../ui/icons.tsx';
import { NumberField } from '../../ui/NumberInput.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { showToast } from '../../ui/toast.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { ChoiceField, TextField } from './FormFields.tsx';
import { canEditInventory } from './permissions.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { useInventory } from './useInventory.ts';
import { useVehicleDoc } from './useVehicleDoc.ts';
import { checkForm, toFormValues, type FormCheck, type FormMessage, type VehicleFormValues } from './vehicle-form.ts';
import { saveVehicle } from './save-vehicle.ts';
import { VinField } from './VinField.tsx';
import './form.css';

/** Add (/inventory/new) or edit (/inventory/:id/edit) a vehicle; managers and admins only. */
export default function VehicleFormScreen() {
  const { t } = useTranslation('inventory');
  const { id } = useParams();
  const doc = useVehicleDoc(id);
  const { user } = useRequiredSession();
  usePageTitle(id ? t('form.editTitle') : t('form.newTitle'));
  if (!canEditInventory(user.role)) {
    return (
      <div className="page page-narrow">
        <p className="alert alert-warning" role="alert"><Icon name="lock" /><span>{t('form.forbidden')}</span></p>
      </div>
    );
  }
  if (id && doc === undefined) return <PageSpinner />;
  if (id && !doc) return <div className="page"><p className="empty">{t('notFound')}</p></div>;
  return <VehicleForm original={doc ? (doc.toJSON() as Vehicle) : null} />;
}

function VehicleForm({ original }: { original: Vehicle | null }) {
  const { t } = useTranslation('inventory');
  const data = useData();
  const { user } = useRequiredSession();
  const { model } = useInventory();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [values, setValues] = useState<VehicleFormValues>(() => ({ ...toFormValues(original), ...(original ? {} : { vin: normalizeVin(params.get('vin') ?? '') }) }));
  const [check, setCheck] = useState<FormCheck | null>(null);
  const [saving, setSaving] = useState(false);
  const { online } = useSyncStatus();
  const set = <K extends keyof VehicleFormValues>(k: K, v: VehicleFormValues[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const errors = check?.errors ?? {};
  const msg = (m: FormMessage | undefined) => (m ? t(m.key, m.values) : undefined);

  // After a first save attempt the marks follow the values: a fixed field loses its error at once.
  useEffect(() => {
    setCheck((prev) => (prev ? checkForm(values, { original, vinOwnerId: model.findByVin(normalizeVin(values.vin))?.v.id }) : prev));
  }, [values, original, model]);

  // Focus the first marked field after a save attempt only (not while the user types).
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) document.querySelector<HTMLElement>('.vform [aria-invalid="true"]')?.focus();
  }, [attempt]);

  function onVin(vin: string, decoded: VinDecoded | null) {
    setValues((prev) => ({
      ...prev,
      vin,
      // Prefill only what the user has not typed yet.
      year: prev.year === '' && decoded?.modelYear ? String(decoded.modelYear) : prev.year,
      make: prev.make === '' && decoded?.manufacturer ? decoded.manufacturer : prev.make,
    }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = checkForm(values, { original, vinOwnerId: model.findByVin(normalizeVin(values.vin))?.v.id });
    setCheck(result);
    if (!result.fields) return setAttempt((n) => n + 1);
    setSaving(true);
    try {
      const saved = await saveVehicle(data, user, original, result.fields);
      showToast(savedText(t(original ? 'form.savedToast' : 'form.createdToast'), online, t));
      void navigate(`/inventory/${saved}`, { replace: true });
    } catch (err) {
      showToast(t('saveFailed'));
      setSaving(false);
      console.error(err);
    }
  }

  const opts = <T extends string>(choices: readonly T[], prefix: string) => choices.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const back = original ? `/inventory/${original.id}` : '/inventory';
  return (
    <form className="page page-narrow vform" onSubmit={submit} noValidate>
      <div className="page-header">
        <Link to={back} className="btn btn-ghost btn-icon" aria-label={t('common:back')}><Icon name="back" /></Link>
        <h1>{original ? t('form.editTitle') : t('form.newTitle')}</h1>
      </div>
      {check && !check.fields ? <p className="alert alert-danger" role="alert"><Icon name="alert" /><span>{t('form.fixErrors', { count: Object.keys(errors).length })}</span></p> : null}
      <fieldset className="card vform-section">
        <legend>{t('form.identity')}</legend>
        <div className="span-all"><VinField value={values.vin} onChange={onVin} error={errors.vin} autoScan={params.get('scan') === '1'} /></div>
        <TextField label={t('spec.stock_number')} value={values.stock_number} onChange={(e) => set('stock_number', e.target.value)} error={errors.stock_number} required />
        <TextField label={t('spec.make')} value={values.make} onChange={(e) => set('make', e.target.value)} error={errors.make} required />
        <TextField label={t('spec.model')} value={values.model} onChange={(e) => set('model', e.target.value)} error={errors.model} required />
        <TextField label={t('spec.trim')} value={values.trim} onChange={(e) => set('trim', e.target.value)} />
        <TextField label={t('spec.year')} value={values.year} onChange={(e) => set('year', e.target.value)} error={errors.year} inputMode="numeric" required />
        <ChoiceField label={t('spec.body_type')} value={values.body_type} options={opts(BODY_TYPES, 'body')} onChange={(v) => set('body_type', v)} />
        <TextField label={t('spec.color')} value={values.color} onChange={(e) => set('color', e.target.value)} />
      </fieldset>
      <fieldset className="card vform-section">
        <legend>{t('form.mechanics')}</legend>
        <ChoiceField label={t('spec.fuel_type')} value={values.fuel_type} options={opts(FUEL_TYPES, 'fuel')} onChange={(v) => set('fuel_type', v)} />
        <ChoiceField label={t('spec.transmission')} value={values.transmission} options={opts(TRANSMISSIONS, 'transmission')} onChange={(v) => set('transmission', v)} />
        <NumberField label={t('spec.mileage')} value={values.mileage} onValueChange={(v) => set('mileage', v)} error={msg(errors.mileage)} maxDecimals={0} required />
        <NumberField label={t(`spec.consumption_${consumptionUnit(values.fuel_type)}`)} value={values.consumption} onValueChange={(v) => set('consumption', v)} error={msg(errors.consumption)} maxDecimals={1} hint={t(`form.consumptionHint_${consumptionUnit(values.fuel_type)}`)} />
      </fieldset>
      <fieldset className="card vform-section">
        <legend>{t('form.pricing')}</legend>
        <NumberField label={t('spec.price')} value={values.price} onValueChange={(v) => set('price', v)} error={msg(errors.price)} required />
        <NumberField label={t('spec.cost')} value={values.cost} onValueChange={(v) => set('cost', v)} error={msg(errors.cost)} />
        <label className="checkbox span-all">
          <input type="checkbox" checked={values.is_promotion} onChange={(e) => set('is_promotion', e.target.checked)} />
          {t('form.promotion')}
        </label>
        {values.is_promotion ? <NumberField label={t('spec.promo_price')} value={values.promo_price} onValueChange={(v) => set('promo_price', v)} error={msg(errors.promo_price)} /> : null}
      </fieldset>
      <fieldset className="card vform-section">
        <legend>{t('form.lot')}</legend>
        <TextField label={t('spec.lot_location')} value={values.lot_location} onChange={(e) => set('lot_location', e.target.value)} placeholder="A-15" />
        <TextField label={t('spec.acquired_at')} type="date" value={values.acquired_at} onChange={(e) => set('acquired_at', e.target.value)} error={errors.acquired_at} required />
        <ChoiceField label={t('filters.status')} value={values.status} options={opts(VEHICLE_STATUSES, 'status')} onChange={(v) => set('status', v)} error={errors.status} />
        <div className="field span-all">
          <label htmlFor="vehicle-description">{t('description')}</label>
          <textarea id="vehicle-description" className="textarea" value={values.description} onChange={(e) => set('description', e.target.value)} />
        </div>
      </fieldset>
      <div className="card vform-section">
        <div className="span-all"><PhotoPicker images={values.images} onChange={(images) => set('images', images)} /></div>
      </div>
      <div className="vform-actions">
        <Link to={back} className="btn">{t('common:cancel')}</Link>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? <span className="spinner" aria-hidden="true" /> : <Icon name="check" />}
          {t('form.save')}
        </button>
      </div>
    </form>
  );
}
