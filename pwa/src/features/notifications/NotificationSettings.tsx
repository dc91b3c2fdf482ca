import { DEFAULT_CHANNELS, NOTIFICATION_CHANNELS, PREFERENCE_TYPES, type NotificationChannel, type NotificationPreferences, type PreferenceType } from '@lotbook/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { api } from '../../app/runtime.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import { showToast } from '../../ui/toast.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { preferenceErrors, preferencesDocId, preferencesOf, savePreferencesLocally } from './preferences.ts';
import { currentSubscription, disablePush, enablePush, pushSupported } from './push.ts';

const EMPTY: NotificationPreferences = { channels: {}, quiet_start: null, quiet_end: null, time_zone: null };

/**
 * In Settings: per type, which channels (in the app, push, email); quiet hours; and "turn on
 * notifications on this device" (Web Push). Preferences are the user's replicated
 * `notification_preferences` document: saved on the device (offline too) and synced like any
 * edit. A viewer never pushes, so a viewer's preferences are saved online through the REST
 * endpoint. Turning push on needs a connection.
 */
export function NotificationSettings() {
  const { t } = useTranslation('notifications');
  const online = useOnline();
  const id = useId();
  const { db } = useData();
  const session = useRequiredSession();
  const me = session.user;
  const viewer = me.role === 'viewer';
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const dirty = useRef(false);
  const [push, setPush] = useState<'on' | 'off' | 'denied' | 'unsupported' | 'busy'>(pushSupported() ? 'off' : 'unsupported');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The device's copy, kept current by replication; an edit in progress is not overwritten.
    const sub = db.notification_preferences.findOne(preferencesDocId(me.id)).$.subscribe((doc) => {
      if (!dirty.current) setPrefs(preferencesOf(doc ? doc.toMutableJSON() : null));
    });
    return () => sub.unsubscribe();
  }, [db, me.id]);
  const edit = (next: (p: NotificationPreferences) => NotificationPreferences) => {
    dirty.current = true;
    setPrefs((p) => next(p ?? EMPTY));
  };
  useEffect(() => {
    if (pushSupported()) void currentSubscription().then((s) => setPush(s ? 'on' : Notification.permission === 'denied' ? 'denied' : 'off'), () => undefined);
  }, []);

  const channels = (type: PreferenceType): NotificationChannel[] => prefs?.channels[type] ?? DEFAULT_CHANNELS[type];
  const toggle = (type: PreferenceType, c: NotificationChannel, on: boolean) =>
    edit((base) => {
      const now = new Set(base.channels[type] ?? DEFAULT_CHANNELS[type]);
      if (on) now.add(c);
      else now.delete(c);
      return { ...base, channels: { ...base.channels, [type]: NOTIFICATION_CHANNELS.filter((x) => now.has(x)) } };
    });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!prefs) return;
    setError(null);
    const tz = prefs.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const next = { ...prefs, time_zone: prefs.quiet_start ? tz : prefs.time_zone };
    if (preferenceErrors(me.id, next).length) {
      setError(t('settings.invalid'));
      return;
    }
    try {
      if (viewer) {
        await api.put('/api/v1/notifications/preferences', next);
        showToast(t('settings.saved'));
      } else {
        const r = await savePreferencesLocally(db, me, next);
        if (!r.ok) {
          setError(t('settings.invalid'));
          return;
        }
        showToast(online ? t('settings.saved') : t('settings.savedOffline'));
      }
      dirty.current = false;
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 0 ? t('settings.offline') : err instanceof ApiFailure && err.status === 400 ? t('settings.invalid') : t('settings.error'));
    }
  };

  const togglePush = async () => {
    setError(null);
    const was = push;
    setPush('busy');
    try {
      if (was === 'on') {
        await disablePush();
        setPush('off');
      } else {
        const r = await enablePush();
        setPush(r === 'enabled' ? 'on' : r);
      }
    } catch {
      setPush(was);
      setError(t('settings.error'));
    }
  };

  return (
    <div className="stack">
      {!online ? <p className="alert alert-warning" role="status">{t(viewer ? 'settings.needsConnection' : 'settings.offlineSaved')}</p> : null}
      {error ? <p className="alert alert-danger" role="alert">{error}</p> : null}
      <div className="stack" data-testid="push-device">
        <p className="muted">{t(`settings.push.${push}`)}</p>
        {push !== 'unsupported' && push !== 'denied' ? (
          <button type="button" className="btn" disabled={!online || push === 'busy'} onClick={() => void togglePush()}>
            {push === 'on' ? t('settings.push.turnOff') : t('settings.push.turnOn')}
          </button>
        ) : null}
      </div>
      {prefs ? (
        <form className="stack" onSubmit={(e) => void save(e)} aria-label={t('settings.title')}>
          <table className="notif-prefs">
            <caption className="visually-hidden">{t('settings.channels')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.type')}</th>
                {NOTIFICATION_CHANNELS.map((c) => <th scope="col" key={c}>{t(`settings.channel.${c}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {PREFERENCE_TYPES.map((type) => (
                <tr key={type}>
                  <th scope="row">{t(`types.${type}`)}</th>
                  {NOTIFICATION_CHANNELS.map((c) => (
                    <td key={c}>
                      <input
                        type="checkbox"
                        aria-label={`${t(`types.${type}`)}: ${t(`settings.channel.${c}`)}`}
                        checked={c === 'in_app' ? true : channels(type).includes(c)}
                        disabled={c === 'in_app'}
                        onChange={(e) => toggle(type, c, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('settings.inAppAlways')}</p>
          <fieldset className="stack">
            <legend>{t('settings.quietHours')}</legend>
            <p className="muted">{t('settings.quietAbout')}</p>
            <div className="row">
              <div className="field">
                <label htmlFor={`${id}-qs`}>{t('settings.from')}</label>
                <input id={`${id}-qs`} className="input" type="time" value={prefs.quiet_start ?? ''} onChange={(e) => { const v = e.target.value; edit((p) => ({ ...p, quiet_start: v || null, ...(v ? {} : { quiet_end: null }) })); }} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-qe`}>{t('settings.to')}</label>
                <input id={`${id}-qe`} className="input" type="time" value={prefs.quiet_end ?? ''} onChange={(e) => { const v = e.target.value; edit((p) => ({ ...p, quiet_end: v || null })); }} />
              </div>
            </div>
          </fieldset>
          <button type="submit" className="btn btn-primary" disabled={viewer && !online}>{t('settings.save')}</button>
        </form>
      ) : null}
    </div>
  );
}
