import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { searchTokens } from '../inventory/fold.ts';
import type { IndexedVehicle } from '../inventory/read-model.ts';
import { useInventory } from '../inventory/useInventory.ts';
import { vehicleTitle } from '../inventory/VehicleBits.tsx';
import { sellBlock } from './sale-form.ts';

const SHOWN = 6;

/** Search among the cars this salesperson can sell (available, or reserved for them). */
export function VehiclePicker({ salespersonId, onPick }: { salespersonId: string; onPick: (item: IndexedVehicle) => void }) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const id = useId();
  const { snapshot } = useInventory();
  const [text, setText] = useState('');
  const q = useDeferredValue(text);
  const sellable = useMemo(
    () => snapshot.items
      .filter((i) => sellBlock(i.v, salespersonId) === null)
      .toSorted((a, b) => a.makeKey.localeCompare(b.makeKey) || a.modelKey.localeCompare(b.modelKey) || a.v.id.localeCompare(b.v.id)),
    [snapshot.items, salespersonId],
  );
  const matches = useMemo(() => {
    const tokens = searchTokens(q);
    const out: IndexedVehicle[] = [];
    for (const i of sellable) {
      if (tokens.every((tk) => i.search.includes(tk))) out.push(i);
      if (out.length >= SHOWN) break;
    }
    return out;
  }, [sellable, q]);
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={id}>{t('form.searchVehicle')}</label>
        <input id={id} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('form.searchVehiclePlaceholder')} autoComplete="off" spellCheck={false} />
      </div>
      {!snapshot.ready ? <p className="muted">{t('form.loading')}</p> : matches.length === 0 ? (
        <p className="muted">{t('form.noVehicleMatches')}</p>
      ) : (
        <ul className="sform-options" aria-label={t('form.vehicleOptions')}>
          {matches.map((i) => (
            <li key={i.v.id}>
              <button type="button" className="btn sform-option" onClick={() => onPick(i)}>
                <span className="sform-option-main">
                  <strong>{vehicleTitle(i.v)} {i.v.year}</strong>
                  <span className="muted">{i.v.stock_number} · {t(`common:enum.${i.v.status}`)}</span>
                </span>
                <span>{fmt.money(i.price)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
