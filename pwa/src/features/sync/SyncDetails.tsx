import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useData, useNow, useSyncStatus } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { showToast } from '../../ui/toast.tsx';
import { useFirstSyncDone } from './first-sync.ts';
import { useConflictCount } from './useConflicts.ts';
import './sync.css';

/** Everything about replication on one card, with "Sync now". */
export function SyncDetails({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation('sync');
  const { sync } = useData();
  const status = useSyncStatus();
  const conflicts = useConflictCount();
  const fmt = useFormat();
  const now = useNow(10_000);
  const [busy, setBusy] = useState(false);
  const firstSyncDone = useFirstSyncDone();

  async function syncNow() {
    setBusy(true);
    try {
      await sync.syncNow();
      showToast(t('syncedNow'));
    } catch {
      showToast(t('syncFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <dl className="sync-dl">
        <dt>{t('connection')}</dt>
        <dd data-testid="sync-connection">
          {status.online ? (status.connected ? t('onlineLive') : t('online')) : t('offline')}
        </dd>
        <dt>{t('pending')}</dt>
        <dd className="num" data-testid="sync-pending">{fmt.number(status.pending)}</dd>
        <dt>{t('lastSyncLabel')}</dt>
        <dd>
          {status.lastSyncAt ? (
            <time dateTime={status.lastSyncAt} title={fmt.dateTime(status.lastSyncAt)}>{fmt.relative(status.lastSyncAt, now)}</time>
          ) : (
            t('never')
          )}
        </dd>
        {!firstSyncDone ? (
          <>
            <dt>{t('firstSync')}</dt>
            <dd>{status.initial.total === null ? fmt.number(status.initial.pulled) : t('progressCount', { pulled: fmt.number(status.initial.pulled), total: fmt.number(status.initial.total) })}</dd>
          </>
        ) : null}
        <dt>{t('conflicts')}</dt>
        <dd>{conflicts > 0 ? <Link to="/conflicts" onClick={onNavigate}>{t('conflictCount', { count: conflicts })}</Link> : t('noConflicts')}</dd>
      </dl>
      {status.error ? (
        <p className="alert alert-danger" role="alert">
          <Icon name="alert" />
          <span>{t(`errors.${status.error.code}`, { defaultValue: status.error.message })}</span>
        </p>
      ) : null}
      {status.paused ? <p className="alert"><Icon name="info" /><span>{t('paused')}</span></p> : null}
      <button type="button" className="btn btn-primary" onClick={() => void syncNow()} disabled={busy || !status.online}>
        {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="sync" />}
        {t('common:syncNow')}
      </button>
      {!status.online ? <p className="field-hint">{t('offlineHint')}</p> : null}
    </div>
  );
}
