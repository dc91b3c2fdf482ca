import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../app/hooks.ts';
import { updateApp } from '../../app/UpdatePrompt.tsx';
import { Icon } from '../../ui/icons.tsx';

/** The server refused this app version (426): sync is stopped until the app updates. */
export function UpdateRequiredBanner() {
  const { t } = useTranslation('sync');
  const { updateRequired } = useSyncStatus();
  if (!updateRequired) return null;
  return (
    <div className="alert alert-warning banner" role="alert">
      <Icon name="alert" />
      <span className="spacer">{t('updateRequired')}</span>
      <button type="button" className="btn btn-sm" onClick={() => void updateApp()}>{t('common:update.reload')}</button>
    </div>
  );
}
