import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { api } from '../../app/runtime.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import { showToast } from '../../ui/toast.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { LinkError } from './LinkPage.tsx';
import { LogoField } from './LogoField.tsx';
import { formatIntervals, parseDateList, parseIntervals, WEEKDAYS, type Hours } from './team-api.ts';
import './admin.css';

interface Dealership {
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  address: string | null;
  phone: string | null;
  business_hours: Hours;
  holidays: string[];
  logo_url?: string | null;
}

const zones = () => (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['Europe/Madrid'];

/** `/admin/dealership`: the dealership's settings (admins). Online only; money and dates use them after the next login. */
export default function DealershipScreen() {
  const { t } = useTranslation('admin');
  usePageTitle(t('dealership.title'));
  const { user } = useRequiredSession();
  const online = useOnline();
  const id = useId();
  const tz = useMemo(zones, []);
  const [d, setD] = useState<Dealership | null>(null);
  const [hours, setHours] = useState<Record<string, string>>({});
  const [holidays, setHolidays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!online || user.role !== 'admin') return;
    api.get<Dealership>('/api/v1/dealership').then(
      (v) => {
        setD(v);
        setHours(Object.fromEntries(WEEKDAYS.map((w) => [w, formatIntervals(v.business_hours[w])])));
        setHolidays(v.holidays.join(', '));
      },
      () => setError('admin:errors.offline'),
    );
  }, [online, user.role]);
  if (user.role !== 'admin') return <Navigate to="/settings" replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!d) return;
    const business_hours: Hours = {};
    for (const w of WEEKDAYS) {
      const iv = parseIntervals(hours[w] ?? '');
      if (!iv) return setError('admin:team.hoursInvalid');
      if (iv.length) business_hours[w] = iv;
    }
    const list = parseDateList(holidays);
    if (!list) return setError('admin:dealership.holidaysInvalid');
    setBusy(true);
    setError(null);
    try {
      setD(await api.patch<Dealership>('/api/v1/dealership', { name: d.name, currency: d.currency, locale: d.locale, timezone: d.timezone, address: d.address || null, phone: d.phone || null, business_hours, holidays: list }));
      showToast(t('team.saved'));
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 400 ? 'admin:errors.validation' : err instanceof ApiFailure && err.status === 0 ? 'admin:errors.offline' : 'admin:errors.generic');
    }
    setBusy(false);
  }
  const set = (k: keyof Dealership) => (e: { target: { value: string } }) => setD((v) => (v ? { ...v, [k]: e.target.value } : v));
  const text = (k: 'name' | 'address' | 'phone' | 'currency', label: string, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} className="input" value={d?.[k] ?? ''} onChange={set(k)} {...props} />
    </div>
  );

  return (
    <div className="page page-narrow stack">
      <h1>{t('dealership.title')}</h1>
      {!online ? <p className="alert alert-warning" role="status">{t('needsConnection')}</p> : null}
      {error ? <LinkError errorKey={error} /> : null}
      {d ? <LogoField url={d.logo_url ?? null} online={online} onChange={(logo_url) => setD((v) => (v ? { ...v, logo_url } : v))} /> : null}
      {d ? (
        <form className="stack card admin-item" onSubmit={submit}>
          {text('name', t('setup.name'), { required: true, maxLength: 120 })}
          {text('address', t('dealership.address'), { maxLength: 300 })}
          {text('phone', t('team.phone'), { type: 'tel', maxLength: 30 })}
          {text('currency', t('setup.currency'), { required: true, pattern: '[A-Za-z]{3}', maxLength: 3 })}
          <div className="field">
            <label htmlFor={`${id}-tz`}>{t('setup.timezone')}</label>
            <select id={`${id}-tz`} className="input" value={d.timezone} onChange={set('timezone')}>
              {tz.map((z) => <option key={z} value={z}>{z}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-locale`}>{t('setup.locale')}</label>
            <select id={`${id}-locale`} className="input" value={d.locale} onChange={set('locale')}>
              {['es-ES', 'en-US', 'en-GB', 'es-MX'].map((l) => <option key={l} value={l}>{t(`locales.${l}`)}</option>)}
            </select>
          </div>
          <fieldset className="stack">
            <legend>{t('dealership.hours')}</legend>
            <p className="muted">{t('team.hoursHint')}</p>
            {WEEKDAYS.map((w) => (
              <div className="field" key={w}>
                <label htmlFor={`${id}-h${w}`}>{t(`weekdays.${w}`)}</label>
                <input id={`${id}-h${w}`} className="input" value={hours[w] ?? ''} placeholder="09:00-14:00, 16:00-20:00" onChange={(e) => setHours((h) => ({ ...h, [w]: e.target.value }))} />
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-hol`}>{t('dealership.holidays')}</label>
            <input id={`${id}-hol`} className="input" value={holidays} placeholder="2026-12-25, 2027-01-01" onChange={(e) => setHolidays(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy || !online}>{t('save')}</button>
        </form>
      ) : online && !error ? <p role="status">{t('loading')}</p> : null}
    </div>
  );
}
