import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { useFirstSyncDone } from './first-sync.ts';
import './sync.css';

/** Progress of the first download of the dealership's data; hidden once it completes. */
export function FirstSyncBar() {
  const { t } = useTranslation('sync');
  const fmt = useFormat();
  const { initial, online } = useSyncStatus();
  const done = useFirstSyncDone();
  if (done) return null;
  const total = initial.total;
  const label = !online
    ? t('firstSyncOffline')
    : total === null
      ? t('firstSyncStarting', { pulled: fmt.number(initial.pulled) })
      : t('firstSyncProgress', { pulled: fmt.number(initial.pulled), total: fmt.number(total) });
  return (
    <div className="first-sync" data-testid="first-sync">
      <label htmlFor="first-sync-progress">{label}</label>
      <progress
        id="first-sync-progress"
        max={total ?? undefined}
        value={total === null ? undefined : Math.min(initial.pulled, total)}
      />
    </div>
  );
}
