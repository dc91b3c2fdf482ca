import { NOTE_MAX_LENGTH, type Customer, type FieldError } from '@lotbook/shared';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { NumberInput } from '../../ui/NumberInput.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { nameKey, normalizePhone } from './phone.ts';
import { checkWalkIn, saveWalkIn, WalkInInvalid, type WalkInField, type WalkInInput } from './save-lead.ts';
import { FieldMessage } from '../../ui/FieldMessage.tsx';
import { fieldErrorText, invalidProps } from '../../ui/field-errors.ts';
import { customerName, useCustomers } from './useCustomers.ts';
import './leads.css';

const FIELD_ORDER: WalkInField[] = ['first', 'last', 'phone', 'email', 'interest', 'budget', 'notes'];

/** One-screen walk-in capture: works offline, saves customer + lead (+ note) locally. */
export default function WalkInScreen() {
  const { t } = useTranslation('leads');
  const fmt = useFormat();
  usePageTitle(t('walkIn.title'));
  const data = useData();
  const { user } = useRequiredSession();
  const navigate = useNavigate();
  const customers = useCustomers();
  const [f, setF] = useState({ first: '', last: '', phone: '', email: '', interest: '', budget: '', notes: '' });
  const [picked, setPicked] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<WalkInField, string>> | null>(null);
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

  /** Every wrong field at once, with the server's own rules; null when the walk-in can be saved. */
  function validate(): { errors: Partial<Record<WalkInField, string>>; input: WalkInInput | null } {
    const out: Partial<Record<WalkInField, string>> = {};
    const budget = f.budget.trim() ? Number(f.budget.replace(',', '.')) : null;
    if (budget !== null && !(Number.isFinite(budget) && budget >= 0)) out.budget = t('walkIn.errors.budget');
    if (!picked && f.phone.trim() && !e164) out.phone = t('walkIn.errors.phone');
    const input: WalkInInput = {
      customerId: picked?.id ?? null, firstName: f.first, lastName: f.last, phone: e164,
      email: f.email.trim() || null, interest: f.interest, budgetMax: budget !== null && Number.isFinite(budget) ? budget : null, notes: f.notes,
    };
    const rules = checkWalkIn(data, user, input);
    for (const [k, e] of Object.entries(rules) as [WalkInField, FieldError][]) out[k] ??= fieldErrorText(e, t);
    return { errors: out, input: Object.keys(out).length === 0 ? input : null };
  }
  // Once shown, the marks follow the values: a fixed field loses its error at once.
  const live = fieldErrors ? validate().errors : null;
  const shown = live ?? {};

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const { errors, input } = validate();
    setFieldErrors(errors);
    if (!input) {
      const first = FIELD_ORDER.find((k) => errors[k]);
      if (first) document.getElementById(`walkin-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const id = await saveWalkIn(data, user, input);
      await navigate(`/leads/${id}`);
    } catch (err) {
      if (err instanceof WalkInInvalid) setFieldErrors({});
      else setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  /** Label, input and its error, tied together for screen readers. */
  const field = (k: WalkInField, label: string, input: (p: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode) => {
    const id = `walkin-${k}`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {input({ id, ...invalidProps(id, shown[k]) })}
        <FieldMessage id={id} text={shown[k]} />
      </div>
    );
  };

  return (
    <div className="page leads-form">
      <div className="page-header"><h1>{t('walkIn.title')}</h1></div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {field('first', t('walkIn.firstName'), (p) => <input {...p} className="input" name="first_name" autoComplete="off" value={f.first} onChange={set('first')} required />)}
        {field('last', t('walkIn.lastName'), (p) => <input {...p} className="input" name="last_name" autoComplete="off" value={f.last} onChange={set('last')} />)}
        {field('phone', t('walkIn.phone'), (p) => <input {...p} className="input" name="phone" type="tel" inputMode="tel" value={f.phone} onChange={set('phone')} />)}
        {similar && !picked ? (
          <div className="alert alert-info" role="status">
            <span>{t('walkIn.similar', { name: customerName(similar), phone: similar.phone ? fmt.phone(similar.phone) : '' })}</span>
            <button type="button" className="btn" onClick={() => setPicked(similar)}>{t('walkIn.useCustomer')}</button>
          </div>
        ) : null}
        {picked ? <p className="alert alert-success" role="status">{t('walkIn.using', { name: customerName(picked) })}</p> : null}
        {field('email', t('walkIn.email'), (p) => <input {...p} className="input" name="email" type="email" inputMode="email" value={f.email} onChange={set('email')} />)}
        {field('interest', t('walkIn.interest'), (p) => <input {...p} className="input" name="interest" value={f.interest} onChange={set('interest')} />)}
        {field('budget', t('walkIn.budgetMax'), (p) => <NumberInput {...p} className="input" name="budget_max" value={f.budget} onValueChange={(budget) => setF({ ...f, budget })} maxDecimals={0} />)}
        <label className="field">{t('walkIn.source')}
          <input className="input" name="source" value={t('source.walk_in')} readOnly />
        </label>
        {field('notes', t('walkIn.notes'), (p) => <textarea {...p} className="input" name="notes" rows={3} value={f.notes} onChange={set('notes')} />)}
        <p className="muted leads-counter" aria-live="polite">{t('walkIn.noteCount', { count: f.notes.length, max: NOTE_MAX_LENGTH })}</p>
        {error ? <p className="alert alert-danger" role="alert">{error}</p> : null}
        <button type="submit" className="btn btn-primary leads-save" disabled={busy}>{t('walkIn.save')}</button>
      </form>
    </div>
  );
}
