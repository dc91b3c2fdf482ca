import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled control with its error (or hint) below it, linked by aria-describedby. */
export function SaleField({ label, error, hint, children }: {
  label: string;
  error?: string | null | undefined;
  hint?: string | undefined;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const msg = error || hint ? `${id}-msg` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(msg ? { 'aria-describedby': msg } : {}) })}
      {error ? <p id={msg} className="field-error" role="alert">{error}</p> : hint ? <p id={msg} className="field-hint">{hint}</p> : null}
    </div>
  );
}

export function SaleInput({ label, error, hint, ...input }: { label: string; error?: string | null | undefined; hint?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <SaleField label={label} error={error} hint={hint}>
      {(a11y) => <input className="input" {...input} {...a11y} />}
    </SaleField>
  );
}
