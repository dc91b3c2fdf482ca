import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { filterCustomers, type IndexedCustomer } from './customer-index.ts';
import { useCustomerStore } from './useCustomerStore.ts';
import { VirtualList } from '../../ui/VirtualList.tsx';
import './customers.css';

/** Every customer this device holds, searchable by name, phone or email (accents and case ignored). */
export default function CustomersScreen() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  usePageTitle(t('list.title'));
  const snapshot = useCustomerStore();
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const deferred = useDeferredValue(text);

  // The search goes to the URL after a pause, so coming back from a customer keeps it.
  useEffect(() => {
    if (text === urlQ) return undefined;
    const id = setTimeout(() => setParams(text ? { q: text } : {}, { replace: true }), 300);
    return () => clearTimeout(id);
  }, [text, urlQ, setParams]);

  const results = useMemo(() => filterCustomers(snapshot.items, deferred), [snapshot.items, deferred]);

  return (
    <div className="page page-narrow">
      <div className="page-header">
        <h1>{t('list.title')}</h1>
      </div>
      <div className="cust-search">
        <Icon name="search" />
        <label htmlFor="customer-search" className="visually-hidden">{t('list.searchLabel')}</label>
        <input
          id="customer-search"
          className="input"
          type="search"
          placeholder={t('list.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
        />
      </div>
      <p className="cust-count muted" aria-live="polite" data-testid="customers-count">
        {snapshot.ready ? t('list.count', { count: results.length, formatted: fmt.number(results.length), total: fmt.number(snapshot.items.length) }) : ''}
      </p>
      {!snapshot.ready ? (
        <PageSpinner />
      ) : results.length === 0 ? (
        <div className="empty">
          <Icon name={snapshot.items.length === 0 ? 'user' : 'search'} />
          <p>{snapshot.items.length === 0 ? t('list.empty') : t('list.noMatches')}</p>
        </div>
      ) : (
        <VirtualList
          items={results}
          rowHeight={72}
          label={t('list.title')}
          testId="customer-results"
          getKey={(r: IndexedCustomer) => r.c.id}
          render={(r) => <CustomerRow item={r} />}
        />
      )}
    </div>
  );
}

function CustomerRow({ item }: { item: IndexedCustomer }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const { c } = item;
  const contact = [c.phone ? fmt.phone(c.phone) : null, c.email].filter(Boolean).join(' · ');
  return (
    <Link to={`/customers/${c.id}`} className="card cust-row" data-testid="customer-item">
      <Icon name="user" />
      <span className="cust-row-main">
        <strong>{item.name}</strong>
        <span className="muted">{contact || t('list.noContact')}</span>
      </span>
      {c.is_active ? null : <span className="badge">{t('inactive')}</span>}
      <Icon name="chevronRight" />
    </Link>
  );
}
