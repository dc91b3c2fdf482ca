import { formatPhone, localeRegion } from '@lotbook/shared';
import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from './language.ts';

/** Dealership settings that shape formatting (from the session; EUR when unknown). */
export interface FormatSettings {
  currency: string;
  locale?: string;
  timeZone?: string;
}
export const FormatSettingsContext = createContext<FormatSettings>({ currency: 'EUR' });

export interface Formatter {
  locale: string;
  /** "28.500 €" for a whole amount, "28.500,50 €" when it has cents. */
  money(amount: number | null | undefined): string;
  number(n: number | null | undefined, maximumFractionDigits?: number): string;
  /** "45.000 km" / "45,000 km". */
  km(n: number | null | undefined): string;
  /** A stored E.164 phone, national for the dealership's country ("612 34 56 78"), else international. */
  phone(e164: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  time(iso: string | null | undefined): string;
  /** "hace 5 min" / "5 min ago", relative to `now`. */
  relative(iso: string | null | undefined, now?: number): string;
}

const DASH = '—';

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Builds Intl formatters once per (language, currency, locale, time zone). */
export function createFormatter(lng: string, s: FormatSettings): Formatter {
  const locale = intlLocale(lng, s.locale);
  const tz = s.timeZone ? { timeZone: s.timeZone } : {};
  const home = localeRegion(s.locale) ?? localeRegion(locale);
  // Whole amounts without decimals ("28.500 €"), amounts with cents with both digits ("28.500,50 €").
  const currencyFormat = (fraction: 0 | 2) => {
    const digits = { minimumFractionDigits: fraction, maximumFractionDigits: fraction };
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: s.currency, ...digits });
    } catch {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', ...digits });
    }
  };
  const whole = currencyFormat(0);
  const cents = currencyFormat(2);
  const money = (n: number) => (Math.round(n * 100) % 100 === 0 ? whole : cents).format(n);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...tz });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...tz });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...tz });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) numbers.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return f;
  };
  return {
    locale,
    money: (n) => (n === null || n === undefined || !Number.isFinite(n) ? DASH : money(n)),
    number: (n, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? DASH : numberFormat(digits).format(n)),
    km: (n) => (n === null || n === undefined || !Number.isFinite(n) ? DASH : `${numberFormat(0).format(n)} km`),
    phone: (e164) => (e164 ? formatPhone(e164, home) : DASH),
    date: (iso) => { const d = parse(iso); return d ? date.format(d) : DASH; },
    dateTime: (iso) => { const d = parse(iso); return d ? dateTime.format(d) : DASH; },
    time: (iso) => { const d = parse(iso); return d ? time.format(d) : DASH; },
    relative: (iso, now = Date.now()) => {
      const d = parse(iso);
      if (!d) return DASH;
      const seconds = Math.round((d.getTime() - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 45) return rel.format(0, 'second');
      if (abs < 3600) return rel.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return rel.format(Math.round(seconds / 3600), 'hour');
      return rel.format(Math.round(seconds / 86_400), 'day');
    },
  };
}

/** The formatter for the current UI language and the dealership's currency and time zone. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const settings = useContext(FormatSettingsContext);
  return useMemo(
    () => createFormatter(i18n.language, settings),
    [i18n.language, settings],
  );
}
