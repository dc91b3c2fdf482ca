import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow, useSyncStatus } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Icon, type IconName } from '../../ui/icons.tsx';
import { SyncDetails } from './SyncDetails.tsx';
import { useFirstSyncDone } from './first-sync.ts';
import { syncTone, type SyncTone } from './sync-state.ts';
import './sync.css';

const ICONS: Record<SyncTone, IconName> = {
  ok: 'check',
  pending: 'sync',
  offline: 'cloudOff',
  error: 'alert',
  syncing: 'sync',
  auth: 'lock',
  attention: 'alert',
};

/** Always in the header: online/offline, pending writes, last sync, errors. Opens the details. */
export function SyncChip() {
  const { t } = useTranslation('sync');
  const status = useSyncStatus();
  const fmt = useFormat();
  const now = useNow();
  const [open, setOpen] = useState(false);
  const tone = syncTone(status, useFirstSyncDone());
  const last = status.lastSyncAt ? fmt.relative(status.lastSyncAt, now) : t('never');
  const summary = [
    t(`chip.${tone}`, { count: tone === 'attention' ? status.conflicts : status.pending }),
    status.pending > 0 && tone !== 'pending' ? t('pendingCount', { count: status.pending }) : null,
    t('lastSync', { when: last }),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <button
        type="button"
        className={`sync-chip sync-chip-${tone}`}
        data-testid="sync-chip"
        data-state={tone}
        data-pending={status.pending}
        aria-label={t('chipLabel', { summary })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <Icon name={ICONS[tone]} className={tone === 'syncing' ? 'spin' : undefined} />
        <span className="sync-chip-text">{t(`chip.${tone}`, { count: tone === 'attention' ? status.conflicts : status.pending })}</span>
        {status.pending > 0 && tone !== 'pending' ? <span className="sync-chip-count">{status.pending}</span> : null}
        {tone === 'ok' ? <span className="sync-chip-when">{last}</span> : null}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} sheet title={t('detailsTitle')} testId="sync-details">
        <SyncDetails onNavigate={() => setOpen(false)} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setOpen(false)}>{t('common:close')}</button>
        </div>
      </Dialog>
    </>
  );
}
