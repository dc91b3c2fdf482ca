import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { LinkError, LinkPage } from './LinkPage.tsx';
import { linkErrorKey, postPublic, tokenFromHash } from './public-api.ts';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'MXN', 'CHF'] as const;
const LOCALES = ['es-ES', 'en-US', 'en-GB', 'es-MX'] as const;

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/Madrid', 'Europe/London', 'America/New_York', 'America/Mexico_City'];
}

type State = 'checking' | 'ready' | 'done' | { errorKey: string };

/** `/setup#token=…`: the first-run link the server prints while no dealership exists. Works once. */
export default function SetupScreen() {
  const { t } = useTranslation('admin');
  usePageTitle(t('setup.title'));
  const id = useId();
  const zones = useMemo(timeZones, []);
  const [token] = useState(() => tokenFromHash(globalThis.location?.hash ?? ''));
  const [state, setState] = useState<State>('checking');
  const [form, setForm] = useState({ name: '', currency: 'EUR', timezone: 'Europe/Madrid', locale: 'es-ES', first_name: '', last_name: '', email: '', password: '', confirm: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  useEffect(() => {
    if (!token) return setState({ errorKey: 'admin:errors.linkInvalid' });
    postPublic('/api/v1/setup/check', { token }).then(
      () => setState('ready'),
      (err: unknown) => setState({ errorKey: linkErrorKey(err) }),
    );
  }, [token]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password.length < 8) return setError('admin:errors.passwordShort');
    if (form.password !== form.confirm) return setError('admin:errors.passwordMismatch');
    setBusy(true);
    setError(null);
    try {
      await postPublic('/api/v1/setup', {
        token,
        dealership: { name: form.name, currency: form.currency, timezone: form.timezone, locale: form.locale },
        admin: { first_name: form.first_name, last_name: form.last_name, email: form.email, password: form.password },
      });
      globalThis.history?.replaceState(null, '', globalThis.location.pathname);
      setState('done');
    } catch (err) {
      setError(linkErrorKey(err));
    }
    setBusy(false);
  }

  const field = (k: keyof typeof form, label: string, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} className="input" value={form[k]} onChange={set(k)} {...props} />
    </div>
  );

  return (
    <LinkPage title={t('setup.title')}>
      {state === 'checking' ? <p role="status">{t('checking')}</p> : null}
      {typeof state === 'object' ? <LinkError errorKey={state.errorKey} /> : null}
      {state === 'done' ? (
        <>
          <p role="status" data-testid="setup-done">{t('setup.done', { email: form.email })}</p>
          <Link className="btn btn-primary btn-block" to="/">{t('goToLogin')}</Link>
        </>
      ) : null}
      {state === 'ready' ? (
        <form className="stack" onSubmit={submit}>
          <p className="muted">{t('setup.intro')}</p>
          {error ? <LinkError errorKey={error} /> : null}
          <fieldset className="stack">
            <legend>{t('setup.dealership')}</legend>
            {field('name', t('setup.name'), { required: true, maxLength: 120, autoComplete: 'organization' })}
            <div className="field">
              <label htmlFor={`${id}-currency`}>{t('setup.currency')}</label>
              <select id={`${id}-currency`} className="input" value={form.currency} onChange={set('currency')}>
                {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-timezone`}>{t('setup.timezone')}</label>
              <select id={`${id}-timezone`} className="input" value={form.timezone} onChange={set('timezone')}>
                {zones.map((z) => <option key={z} value={z}>{z}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-locale`}>{t('setup.locale')}</label>
              <select id={`${id}-locale`} className="input" value={form.locale} onChange={set('locale')}>
                {LOCALES.map((l) => <option key={l} value={l}>{t(`locales.${l}`)}</option>)}
              </select>
            </div>
          </fieldset>
          <fieldset className="stack">
            <legend>{t('setup.admin')}</legend>
            {field('first_name', t('firstName'), { required: true, maxLength: 80, autoComplete: 'given-name' })}
            {field('last_name', t('lastName'), { maxLength: 80, autoComplete: 'family-name' })}
            {field('email', t('email'), { required: true, type: 'email', autoComplete: 'username', inputMode: 'email' })}
            {field('password', t('newPassword'), { required: true, type: 'password', minLength: 8, autoComplete: 'new-password' })}
            {field('confirm', t('confirmPassword'), { required: true, type: 'password', autoComplete: 'new-password' })}
            <p className="muted">{t('passwordHint')}</p>
          </fieldset>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{t('setup.submit')}</button>
        </form>
      ) : null}
    </LinkPage>
  );
}
