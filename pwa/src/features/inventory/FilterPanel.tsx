import { BODY_TYPES, FUEL_TYPES } from '@lotbook/shared';
import { useId } from 'react';
import { NumberField, fromCanonical, toCanonical } from '../../ui/NumberInput.tsx';
import { useTranslation } from 'react-i18next';
import { EMPTY_QUERY, SORTS, STATUS_FILTERS, type VehicleQuery } from './query.ts';

export interface FilterPanelProps {
  query: VehicleQuery;
  makes: readonly string[];
  models: readonly string[];
  onChange: (patch: Partial<VehicleQuery>) => void;
}

/** A filter bound: typed the locale's way ("40.000"); an unreadable text leaves the bound unset. */
function BoundField({ label, value, onChange, year = false }: { label: string; value: number | null; onChange: (v: number | null) => void; year?: boolean }) {
  return (
    <NumberField
      label={label}
      value={toCanonical(value)}
      maxDecimals={0}
      grouping={!year}
      // While the text does not read (half typed: "28,5" on the way to "28,500"), the bound stays as it was.
      onValueChange={(v, error) => { if (!error) onChange(fromCanonical(v)); }}
    />
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
      <BoundField label={t('filters.yearMin')} value={query.yearMin} year onChange={(yearMin) => onChange({ yearMin })} />
      <BoundField label={t('filters.yearMax')} value={query.yearMax} year onChange={(yearMax) => onChange({ yearMax })} />
      <BoundField label={t('filters.priceMin')} value={query.priceMin} onChange={(priceMin) => onChange({ priceMin })} />
      <BoundField label={t('filters.priceMax')} value={query.priceMax} onChange={(priceMax) => onChange({ priceMax })} />
      <SelectField label={t('filters.body')} value={query.body ?? ''} anyLabel={any} options={BODY_TYPES.map((b) => ({ value: b, label: t(`body.${b}`) }))} onChange={(v) => onChange({ body: (v || null) as VehicleQuery['body'] })} />
      <SelectField label={t('filters.fuel')} value={query.fuel ?? ''} anyLabel={any} options={FUEL_TYPES.map((f) => ({ value: f, label: t(`fuel.${f}`) }))} onChange={(v) => onChange({ fuel: (v || null) as VehicleQuery['fuel'] })} />
      <SelectField label={t('filters.status')} value={query.status === 'in_stock' ? '' : (query.status ?? '')} anyLabel={t('status.in_stock')} options={STATUS_FILTERS.filter((s) => s !== 'in_stock').map((s) => ({ value: s, label: t(`status.${s}`) }))} onChange={(v) => onChange({ status: (v || null) as VehicleQuery['status'] })} />
      <SelectField label={t('filters.sort')} value={query.sort} options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))} onChange={(v) => onChange({ sort: v as VehicleQuery['sort'] })} />
      <div className="filter-actions">
        <button type="button" className="btn" onClick={() => onChange({ ...EMPTY_QUERY, q: query.q })}>{t('filters.clear')}</button>
      </div>
    </div>
  );
}
