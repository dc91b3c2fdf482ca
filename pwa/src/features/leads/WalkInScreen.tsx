import type { Customer } from '@lotbook/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { NumberField } from '../../ui/NumberInput.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { nameKey, normalizePhone } from './phone.ts';
import { saveWalkIn } from './save-lead.ts';
import { customerName, useCustomers } from './useCustomers.ts';
import './leads.css';

/** One-screen walk-in capture: works offline, saves customer + lead (+ note) locally. */
export default function WalkInScreen() {
  const { t } = useTranslation('leads');
  usePageTitle(t('walkIn.title'));
  const data = useData();
  const { user } = useRequiredSession();
  const navigate = useNavigate();
  const customers = useCustomers();
  const [f, setF] = useState({ first: '', last: '', phone: '', email: '', interest: '', budget: '', notes: '' });
  const [picked, setPicked] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    if (k === 'first' || k === 'last' || k === 'phone') setPicked(null);
  };

  const e164 = f.phone.trim() ? normalizePhone(f.phone) : null;
  const similar = useMemo(() => {
    const key = f.first.trim() && f.last.trim() ? nameKey(f.first, f.last) : null;
    return customers.find((c) => (e164 && c.phone === e164) || (key && nameKey(c.first_name, c.last_name) === key)) ?? null;
  }, [customers, e164, f.first, f.last]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!picked && !f.first.trim()) return setError(t('walkIn.errors.firstName'));
    if (!picked && f.phone.trim() && !e164) return setError(t('walkIn.errors.phone'));
    const budget = f.budget.trim() ? Number(f.budget.replace(',', '.')) : null;
    if (budget !== null && !(Number.isFinite(budget) && budget >= 0)) return setError(t('walkIn.errors.budget'));
    setBusy(true);
    try {
      const id = await saveWalkIn(data, user, {
        customerId: picked?.id ?? null, firstName: f.first, lastName: f.last, phone: e164,
        email: f.email.trim() || null, interest: f.interest, budgetMax: budget, notes: f.notes,
      });
      await navigate(`/leads/${id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <div className="page leads-form">
      <div className="page-header"><h1>{t('walkIn.title')}</h1></div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">{t('walkIn.firstName')}
          <input className="input" name="first_name" autoComplete="off" value={f.first} onChange={set('first')} required />
        </label>
        <label className="field">{t('walkIn.lastName')}
          <input className="input" name="last_name" autoComplete="off" value={f.last} onChange={set('last')} />
        </label>
        <label className="field">{t('walkIn.phone')}
          <input className="input" name="phone" type="tel" inputMode="tel" value={f.phone} onChange={set('phone')} />
        </label>
        {similar && !picked ? (
          <div className="alert alert-info" role="status">
            <span>{t('walkIn.similar', { name: customerName(similar), phone: similar.phone ?? '' })}</span>
            <button type="button" className="btn" onClick={() => setPicked(similar)}>{t('walkIn.useCustomer')}</button>
          </div>
        ) : null}
        {picked ? <p className="alert alert-success" role="status">{t('walkIn.using', { name: customerName(picked) })}</p> : null}
        <label className="field">{t('walkIn.email')}
          <input className="input" name="email" type="email" inputMode="email" value={f.email} onChange={set('email')} />
        </label>
        <label className="field">{t('walkIn.interest')}
          <input className="input" name="interest" value={f.interest} onChange={set('interest')} />
        </label>
        <NumberField label={t('walkIn.budgetMax')} name="budget_max" value={f.budget} onValueChange={(budget) => setF({ ...f, budget })} maxDecimals={0} />
        <label className="field">{t('walkIn.source')}
          <input className="input" name="source" value={t('source.walk_in')} readOnly />
        </label>
        <label className="field">{t('walkIn.notes')}
          <textarea className="input" name="notes" rows={3} value={f.notes} onChange={set('notes')} />
        </label>
        {error ? <p className="alert alert-danger" role="alert">{error}</p> : null}
        <button type="submit" className="btn btn-primary leads-save" disabled={busy}>{t('walkIn.save')}</button>
      </form>
    </div>
  );
}
