import { BODY_TYPES, FUEL_TYPES } from '@lotbook/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_QUERY, SORTS, STATUS_FILTERS, type VehicleQuery } from './query.ts';

export interface FilterPanelProps {
  query: VehicleQuery;
  makes: readonly string[];
  models: readonly string[];
  onChange: (patch: Partial<VehicleQuery>) => void;
}

function NumberField({ label, value, onChange, step }: { label: string; value: number | null; onChange: (v: number | null) => void; step?: number }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="number"
        inputMode="numeric"
        min={0}
        step={step}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    </div>
  );
}

function SelectField({ label, value, options, onChange, anyLabel }: { label: string; value: string; options: readonly { value: string; label: string }[]; onChange: (v: string) => void; anyLabel?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}

/** Make, model, year and price ranges, body type, fuel, status and ordering. */
export function FilterPanel({ query, makes, models, onChange }: FilterPanelProps) {
  const { t } = useTranslation('inventory');
  const any = t('filters.any');
  return (
    <div className="filter-grid" data-testid="filter-panel">
      <SelectField label={t('filters.make')} value={query.make} anyLabel={any} options={makes.map((m) => ({ value: m, label: m }))} onChange={(make) => onChange({ make, model: '' })} />
      <SelectField label={t('filters.model')} value={query.model} anyLabel={any} options={models.map((m) => ({ value: m, label: m }))} onChange={(model) => onChange({ model })} />
      <NumberField label={t('filters.yearMin')} value={query.yearMin} onChange={(yearMin) => onChange({ yearMin })} />
      <NumberField label={t('filters.yearMax')} value={query.yearMax} onChange={(yearMax) => onChange({ yearMax })} />
      <NumberField label={t('filters.priceMin')} value={query.priceMin} step={500} onChange={(priceMin) => onChange({ priceMin })} />
      <NumberField label={t('filters.priceMax')} value={query.priceMax} step={500} onChange={(priceMax) => onChange({ priceMax })} />
      <SelectField label={t('filters.body')} value={query.body ?? ''} anyLabel={any} options={BODY_TYPES.map((b) => ({ value: b, label: t(`body.${b}`) }))} onChange={(v) => onChange({ body: (v || null) as VehicleQuery['body'] })} />
      <SelectField label={t('filters.fuel')} value={query.fuel ?? ''} anyLabel={any} options={FUEL_TYPES.map((f) => ({ value: f, label: t(`fuel.${f}`) }))} onChange={(v) => onChange({ fuel: (v || null) as VehicleQuery['fuel'] })} />
      <SelectField label={t('filters.status')} value={query.status ?? ''} anyLabel={any} options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`status.${s}`) }))} onChange={(v) => onChange({ status: (v || null) as VehicleQuery['status'] })} />
      <SelectField label={t('filters.sort')} value={query.sort} options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))} onChange={(v) => onChange({ sort: v as VehicleQuery['sort'] })} />
      <div className="filter-actions">
        <button type="button" className="btn" onClick={() => onChange({ ...EMPTY_QUERY, q: query.q })}>{t('filters.clear')}</button>
      </div>
    </div>
  );
}
