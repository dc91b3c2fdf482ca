import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { filterCustomers } from '../customers/customer-index.ts';
import { useCustomerStore } from '../customers/useCustomerStore.ts';

const SHOWN = 6;

/** Search the customers on this device by name, phone or email, and pick one. */
export function CustomerPicker({ onPick }: { onPick: (customerId: string) => void }) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const id = useId();
  const snapshot = useCustomerStore();
  const [text, setText] = useState('');
  const q = useDeferredValue(text);
  const matches = useMemo(() => filterCustomers(snapshot.items.filter((i) => i.c.is_active), q, SHOWN), [snapshot.items, q]);
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={id}>{t('form.searchCustomer')}</label>
        <input id={id} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('form.searchCustomerPlaceholder')} autoComplete="off" spellCheck={false} />
      </div>
      {!snapshot.ready ? <p className="muted">{t('form.loading')}</p> : matches.length === 0 ? (
        <p className="muted">{t('form.noCustomerMatches')}</p>
      ) : (
        <ul className="sform-options" aria-label={t('form.customerOptions')}>
          {matches.map((i) => (
            <li key={i.c.id}>
              <button type="button" className="btn sform-option" onClick={() => onPick(i.c.id)} data-testid="customer-option">
                <span className="sform-option-main">
                  <strong>{i.name}</strong>
                  <span className="muted">{[i.c.phone ? fmt.phone(i.c.phone) : null, i.c.email].filter(Boolean).join(' · ') || '—'}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
