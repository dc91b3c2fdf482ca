import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import type { InventoryView } from './VehicleResults.tsx';

const KEY = 'lotbook.inventoryView';

/** Cards or list, remembered on this device. */
export function useInventoryView(): [InventoryView, (v: InventoryView) => void] {
  // Phones start with the compact list; wider screens with cards. The choice is remembered.
  const [view, setView] = useState<InventoryView>(() => {
    const saved = localStorage.getItem(KEY);
    if (saved === 'list' || saved === 'cards') return saved;
    return window.matchMedia('(max-width: 599px)').matches ? 'list' : 'cards';
  });
  return [
    view,
    (v) => {
      localStorage.setItem(KEY, v);
      setView(v);
    },
  ];
}

export function ViewSwitch({ view, onChange }: { view: InventoryView; onChange: (v: InventoryView) => void }) {
  const { t } = useTranslation('inventory');
  return (
    <fieldset className="switch-group">
      <legend className="visually-hidden">{t('view.label')}</legend>
      <div className="segmented">
        {(['cards', 'list'] as const).map((v) => (
          <label key={v} title={t(`view.${v}`)}>
            <input type="radio" name="inventory-view" value={v} checked={view === v} onChange={() => onChange(v)} aria-label={t(`view.${v}`)} />
            <span>
              <Icon name={v === 'cards' ? 'grid' : 'list'} />
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
