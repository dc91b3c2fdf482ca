import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { logoSrc } from '../../app/branding.ts';
import { BASE_URL, sessionStore } from '../../app/runtime.ts';
import { authedFetch } from '../../auth/authed-fetch.ts';
import { LinkError } from './LinkPage.tsx';

/** The largest logo the server accepts (dealership/logo.ts). */
const MAX_BYTES = 256 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/** Puts the new address in this device's session, so the header shows the logo at once. */
function showInSession(url: string | null) {
  const s = sessionStore.get();
  if (s?.dealership) sessionStore.set({ ...s, dealership: { ...s.dealership, logo_url: url } });
}

const errorFor = (status: number, code: string | undefined) =>
  status === 413 ? 'admin:dealership.logoTooLarge' : status === 415 ? (code === 'svg_not_allowed' ? 'admin:dealership.logoSvg' : 'admin:dealership.logoType') : status === 0 ? 'admin:errors.offline' : 'admin:errors.generic';

/** In the dealership settings (admins): the logo shown in the header and on the login screen. Online only. */
export function LogoField({ url, online, onChange }: { url: string | null; online: boolean; onChange: (url: string | null) => void }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const src = logoSrc(url);

  async function send(init: RequestInit): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const res = await authedFetch(sessionStore, `${BASE_URL}/api/v1/dealership/logo`, init);
      if (!res.ok && res.status !== 204) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        setError(errorFor(res.status, body.error));
      } else {
        const next = res.status === 204 ? null : ((await res.json()) as { logo_url: string }).logo_url;
        onChange(next);
        showInSession(next);
      }
    } catch {
      setError('admin:errors.offline');
    }
    setBusy(false);
  }

  function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // The server decides from the bytes; these checks only save a round trip.
    if (file.type === 'image/svg+xml') return setError('admin:dealership.logoSvg');
    if (file.type && !TYPES.includes(file.type)) return setError('admin:dealership.logoType');
    if (file.size > MAX_BYTES) return setError('admin:dealership.logoTooLarge');
    const form = new FormData();
    form.append('file', file);
    void send({ method: 'PUT', body: form });
  }

  return (
    <section className="stack card admin-item" aria-labelledby={`${id}-title`} data-testid="logo-field">
      <h2 id={`${id}-title`}>{t('dealership.logo')}</h2>
      {error ? <LinkError errorKey={error} /> : null}
      {src ? <img className="admin-logo" src={src} alt={t('dealership.logoAlt')} data-testid="logo-preview" /> : <p className="muted">{t('dealership.logoNone')}</p>}
      <p className="muted" id={`${id}-hint`}>{t('dealership.logoHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{src ? t('dealership.logoReplace') : t('dealership.logoUpload')}</label>
        <input id={`${id}-file`} className="input" type="file" accept="image/png,image/jpeg,image/webp" aria-describedby={`${id}-hint`} disabled={busy || !online} onChange={pick} data-testid="logo-input" />
      </div>
      {src ? (
        <div className="row admin-actions">
          <button type="button" className="btn" disabled={busy || !online} onClick={() => void send({ method: 'DELETE' })}>{t('dealership.logoRemove')}</button>
        </div>
      ) : null}
    </section>
  );
}
