import type { Customer } from '@lotbook/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useData, useSyncStatus } from '../../app/hooks.ts';
import { savedText } from '../../ui/saved-toast.ts';
import { Icon } from '../../ui/icons.tsx';
import { showToast } from '../../ui/toast.tsx';
import { customerStoreFor } from './useCustomerStore.ts';
import { checkContact, toContactValues, type ContactErrors, type ContactField, type ContactValues } from './customer-form.ts';

/** Edits a customer's name, phone and email on the device; the change syncs like any other. */
export function CustomerEditForm({ doc, onDone }: { doc: RxDocument<Customer>; onDone: () => void }) {
  const { t } = useTranslation('customers');
  const { db } = useData();
  const [values, setValues] = useState<ContactValues>(() => toContactValues(doc));
  const [errors, setErrors] = useState<ContactErrors>({});
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const { online } = useSyncStatus();
  const formId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const items = customerStoreFor(db).getSnapshot().items;
    const taken = (email: string) => items.some((i) => i.c.id !== doc.id && i.c.email?.toLowerCase() === email);
    const result = checkContact(values, taken);
    setErrors(result.errors);
    if (!result.patch) {
      const first = (['first_name', 'last_name', 'phone', 'email'] as const).find((f) => result.errors[f]);
      if (first) document.getElementById(`${formId}-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setFailed(false);
    try {
      await doc.incrementalPatch(result.patch);
      showToast(savedText(t('edit.saved'), online, t));
      onDone();
    } catch (err) {
      console.error(err);
      setFailed(true);
      setSaving(false);
    }
  }

  const field = (name: ContactField, label: string, type: string, extra: { hint?: string; autoComplete?: string; inputMode?: 'tel' | 'email' } = {}) => {
    const id = `${formId}-${name}`;
    const error = errors[name];
    const msg = error || extra.hint ? `${id}-msg` : undefined;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          className="input"
          type={type}
          value={values[name]}
          onChange={(e) => { setValues((v) => ({ ...v, [name]: e.target.value })); setErrors((er) => ({ ...er, [name]: undefined })); }}
          aria-invalid={error ? true : undefined}
          aria-describedby={msg}
          autoComplete={extra.autoComplete}
          inputMode={extra.inputMode}
          required={name === 'first_name'}
        />
        {error ? <p id={msg} className="field-error">{t(`edit.errors.${error}`)}</p> : extra.hint ? <p id={msg} className="field-hint">{extra.hint}</p> : null}
      </div>
    );
  };

  return (
    <form className="cust-form" onSubmit={submit} noValidate aria-label={t('edit.title')}>
      {field('first_name', t('edit.firstName'), 'text', { autoComplete: 'off' })}
      {field('last_name', t('edit.lastName'), 'text', { autoComplete: 'off' })}
      {field('phone', t('edit.phone'), 'tel', { hint: t('edit.phoneHint'), autoComplete: 'off', inputMode: 'tel' })}
      {field('email', t('edit.email'), 'email', { autoComplete: 'off', inputMode: 'email' })}
      {failed ? <p className="alert alert-danger span-all" role="alert"><Icon name="alert" /><span>{t('edit.saveFailed')}</span></p> : null}
      <div className="cust-form-actions span-all">
        <button type="button" className="btn" onClick={onDone}>{t('common:cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? <span className="spinner" aria-hidden="true" /> : <Icon name="check" />}
          {t('edit.save')}
        </button>
      </div>
    </form>
  );
}
