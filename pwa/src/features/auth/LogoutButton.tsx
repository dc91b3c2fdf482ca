import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, useSyncStatus } from '../../app/hooks.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Icon } from '../../ui/icons.tsx';
import { logoutAndWipe } from './logout.ts';

/**
 * Logout that never silently drops work: with unsynced changes it says how many and asks
 * before wiping; with none it logs out at once.
 */
export function LogoutButton({ className = 'btn' }: { className?: string }) {
  const { t } = useTranslation('auth');
  const data = useData();
  const status = useSyncStatus();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function logout() {
    setBusy(true);
    try {
      await logoutAndWipe(data);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={() => (status.pending > 0 ? setConfirming(true) : void logout())}
      >
        <Icon name="logout" />
        {t('logout.button')}
      </button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        role="alertdialog"
        title={status.pending > 0 ? t('logout.pendingTitle', { count: status.pending }) : t('logout.allSyncedTitle')}
        testId="logout-dialog"
      >
        {status.pending > 0 ? (
          <p className="alert alert-warning"><Icon name="alert" /><span>{t('logout.pendingBody')}</span></p>
        ) : (
          <p>{t('logout.allSyncedBody')}</p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setConfirming(false)}>{t('common:cancel')}</button>
          {status.pending > 0 ? (
            <>
              <button type="button" className="btn" disabled={!status.online} onClick={() => void data.sync.syncNow().catch(() => undefined)}>
                <Icon name="sync" />
                {t('common:syncNow')}
              </button>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void logout()}>
                {t('logout.anyway')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void logout()}>
              {t('logout.button')}
            </button>
          )}
        </div>
      </Dialog>
    </>
  );
}
