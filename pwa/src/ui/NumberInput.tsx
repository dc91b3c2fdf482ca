import { formatLocaleNumber, parseLocaleNumber, type NumberParseError } from '@lotbook/shared';
import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

/**
 * The value a number input hands its form: '' when empty, the number as JS writes it ("28500.5")
 * when it reads, 'NaN' when the text is not a number (so a form that keeps strings refuses it).
 */
export type CanonicalNumber = string;

export interface NumberOptions {
  /** Decimals allowed (default 2; 0 for whole numbers such as kilometres). */
  maxDecimals?: number;
  allowNegative?: boolean;
  /** Show thousands grouped after editing (default true; false for years). */
  grouping?: boolean;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'inputMode'>;

export interface NumberInputProps extends InputProps, NumberOptions {
  value: CanonicalNumber;
  onValueChange: (value: CanonicalNumber, error: NumberParseError | null) => void;
  /** Told when the parse error to show changes (after the user leaves the field). */
  onShownError?: (error: NumberParseError | null) => void;
}

/** Number → what the form stores. */
export const toCanonical = (n: number | null): CanonicalNumber => (n === null ? '' : String(n));
/** What the form stores → number (null when empty, NaN when unreadable). */
export const fromCanonical = (s: CanonicalNumber): number | null => (s.trim() === '' ? null : Number(s));

/**
 * A locale-aware number/money input: reads "28.500", "28.500,50" and "28500" in Spanish and
 * "28,500.50" in English as people mean them (rules in shared/src/format/numbers.ts), shows the
 * value back formatted when the field is left, and marks text that is not a number.
 */
export function NumberInput({ value, onValueChange, onShownError, maxDecimals = 2, allowNegative = false, grouping = true, onBlur, ...input }: NumberInputProps) {
  const { locale } = useFormat();
  const opts = { maxDecimals, allowNegative };
  const format = (v: CanonicalNumber) => {
    const n = fromCanonical(v);
    return n === null || Number.isNaN(n) ? '' : formatLocaleNumber(n, locale, { maxDecimals, grouping });
  };
  const [text, setText] = useState(() => format(value));
  const [shown, setShown] = useState<NumberParseError | null>(null);
  const lastEmitted = useRef<CanonicalNumber>(value);
  const lastLocale = useRef(locale);

  // A value set from outside (a reset, a prefill) or a language switch re-formats the text.
  useEffect(() => {
    if (value !== lastEmitted.current || locale !== lastLocale.current) {
      lastEmitted.current = value;
      lastLocale.current = locale;
      if (value !== 'NaN') setText(format(value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, locale]);

  const show = (e: NumberParseError | null) => {
    setShown(e);
    onShownError?.(e);
  };

  return (
    <input
      {...input}
      className={input.className ?? 'input'}
      type="text"
      inputMode={maxDecimals > 0 ? 'decimal' : 'numeric'}
      autoComplete="off"
      value={text}
      aria-invalid={shown || input['aria-invalid'] ? true : undefined}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const r = parseLocaleNumber(next, locale, opts);
        const canonical = r.ok ? toCanonical(r.value) : 'NaN';
        lastEmitted.current = canonical;
        if (r.ok && shown) show(null);
        onValueChange(canonical, r.ok ? null : r.error);
      }}
      onBlur={(e) => {
        const r = parseLocaleNumber(text, locale, opts);
        if (r.ok) {
          setText(r.value === null ? '' : formatLocaleNumber(r.value, locale, { maxDecimals, grouping }));
          show(null);
        } else show(r.error);
        onBlur?.(e);
      }}
    />
  );
}

/** The message for a parse error, with an example in the active locale. */
export function useNumberErrorText(): (error: NumberParseError, maxDecimals?: number) => string {
  const { t } = useTranslation('common');
  const { locale } = useFormat();
  return (error, maxDecimals = 2) => t(`number.${error}`, {
    example: formatLocaleNumber(maxDecimals > 0 ? 28500.5 : 28500, locale),
    count: maxDecimals,
  });
}

export interface NumberFieldProps extends Omit<NumberInputProps, 'id'> {
  label: string;
  /** The form's own error for this field (a rule it breaks), shown when the text itself reads. */
  error?: string | null | undefined;
  hint?: string | undefined;
  className?: string;
}

/** Label + NumberInput + its message (the parse error, else the form's error, else the hint). */
export function NumberField({ label, error, hint, className, ...props }: NumberFieldProps) {
  const id = useId();
  const [parseError, setParseError] = useState<NumberParseError | null>(null);
  const errorText = useNumberErrorText();
  const message = parseError ? errorText(parseError, props.maxDecimals) : error || null;
  const msgId = message || hint ? `${id}-msg` : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <NumberInput
        {...props}
        id={id}
        aria-invalid={message ? true : undefined}
        aria-describedby={msgId}
        onShownError={(e) => { setParseError(e); props.onShownError?.(e); }}
      />
      {message ? <p id={msgId} className="field-error">{message}</p> : hint ? <p id={msgId} className="field-hint">{hint}</p> : null}
    </div>
  );
}
