import { useId, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormMessage } from './vehicle-form.ts';

interface BaseProps {
  label: string;
  error?: FormMessage | undefined;
  hint?: string;
  className?: string;
}

function ErrorText({ id, error, hint }: { id: string; error?: FormMessage | undefined; hint?: string | undefined }) {
  const { t } = useTranslation('inventory');
  if (error) return <p id={id} className="field-error">{t(error.key, error.values)}</p>;
  return hint ? <p id={id} className="field-hint">{hint}</p> : null;
}

export function TextField({ label, error, hint, className, ...input }: BaseProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-msg` : undefined}
        {...input}
      />
      <ErrorText id={`${id}-msg`} error={error} hint={hint} />
    </div>
  );
}

export function ChoiceField<T extends string>({ label, error, value, options, onChange, className }: BaseProps & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value as T)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-msg` : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <ErrorText id={`${id}-msg`} error={error} />
    </div>
  );
}
