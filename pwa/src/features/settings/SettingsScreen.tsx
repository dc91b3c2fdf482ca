import { useTranslation } from 'react-i18next';
import { useRequiredSession } from '../../app/hooks.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { LogoutButton } from '../auth/LogoutButton.tsx';
import { SyncDetails } from '../sync/SyncDetails.tsx';
import { LanguageThemeSwitches } from './LanguageThemeSwitches.tsx';
import { MyAccount } from '../admin/MyAccount.tsx';
import { NotificationSettings } from '../notifications/NotificationSettings.tsx';
import './settings.css';

export default function SettingsScreen() {
  const { t } = useTranslation('settings');
  const { user, dealership } = useRequiredSession();
  usePageTitle(t('title'));
  return (
    <div className="page page-narrow stack">
      <h1>{t('title')}</h1>
      <section className="card settings-section" aria-labelledby="settings-account">
        <h2 id="settings-account">{t('account')}</h2>
        <dl className="settings-dl">
          <dt>{t('name')}</dt>
          <dd>{user.first_name} {user.last_name}</dd>
          <dt>{t('email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('role')}</dt>
          <dd>{t(`common:roles.${user.role}`)}</dd>
          {dealership ? (
            <>
              <dt>{t('dealership')}</dt>
              <dd>{dealership.name} ({dealership.currency})</dd>
            </>
          ) : null}
        </dl>
        <div className="row">
          <LogoutButton />
        </div>
      </section>
      <section className="card settings-section" aria-labelledby="settings-my-account">
        <h2 id="settings-my-account">{t('admin:account.title')}</h2>
        <MyAccount />
      </section>
      <section className="card settings-section" aria-labelledby="settings-notifications">
        <h2 id="settings-notifications">{t('notifications:settings.title')}</h2>
        <NotificationSettings />
      </section>
      <section className="card settings-section" aria-labelledby="settings-display">
        <h2 id="settings-display">{t('display')}</h2>
        <LanguageThemeSwitches />
      </section>
      <section className="card settings-section" aria-labelledby="settings-sync">
        <h2 id="settings-sync">{t('sync')}</h2>
        <SyncDetails />
      </section>
      <p className="muted">{t('version', { version: __APP_VERSION__ })}</p>
    </div>
  );
}
