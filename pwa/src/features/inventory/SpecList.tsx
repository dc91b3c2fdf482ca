import { consumptionUnit, type Vehicle } from '@lotbook/shared';
import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { canEditInventory } from './permissions.ts';

/** "rear_camera" -> "Rear camera" for feature keys without a translation. */
function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The vehicle's specifications, description and features. */
export function SpecList({ v }: { v: Vehicle }) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { user } = useRequiredSession();
  const specs: [string, string][] = [
    ['vin', v.vin],
    ['stock_number', v.stock_number],
    ['year', String(v.year)],
    ['mileage', fmt.km(v.mileage)],
    ['fuel_type', t(`fuel.${v.fuel_type}`)],
    ['transmission', t(`transmission.${v.transmission}`)],
    ['body_type', t(`body.${v.body_type}`)],
    ['color', v.color ?? '—'],
    ['consumption', v.consumption === null ? '—' : t(`consumptionValue_${consumptionUnit(v.fuel_type)}`, { value: fmt.number(v.consumption, 1) })],
    ['acquired_at', fmt.date(v.acquired_at)],
  ];
  if (canEditInventory(user.role)) specs.push(['cost', fmt.money(v.cost)]);
  const featureName = (k: string) => t(`feature.${k}`, { defaultValue: humanize(k) });
  const features = Object.entries(v.features ?? {}).filter(([, val]) => val !== false && val !== null && val !== '');
  return (
    <>
      <section className="card vdetail-section" aria-labelledby="spec-heading">
        <h2 id="spec-heading">{t('specs')}</h2>
        <dl className="spec-grid">
          {specs.map(([k, value]) => (
            <div key={k}>
              <dt>{t(`spec.${k}`)}</dt>
              <dd className={k === 'vin' ? 'mono' : undefined}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {v.description ? (
        <section className="card vdetail-section" aria-labelledby="desc-heading">
          <h2 id="desc-heading">{t('description')}</h2>
          <p className="vdetail-desc">{v.description}</p>
        </section>
      ) : null}
      {features.length > 0 ? (
        <section className="card vdetail-section" aria-labelledby="feat-heading">
          <h2 id="feat-heading">{t('features')}</h2>
          <ul className="feature-list">
            {features.map(([k, val]) => (
              <li key={k}>{val === true ? featureName(k) : `${featureName(k)}: ${typeof val === 'object' ? JSON.stringify(val) : String(val)}`}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
