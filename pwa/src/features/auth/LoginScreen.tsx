import { useTranslation } from 'react-i18next';
import { openData, sessionStore } from '../../app/runtime.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useOnline } from '../../ui/useOnline.ts';
import { Icon } from '../../ui/icons.tsx';
import { LanguageThemeSwitches } from '../settings/LanguageThemeSwitches.tsx';
import { LoginForm } from './LoginForm.tsx';
import './auth.css';

/** First screen when there is no session on this device. The first login needs the network. */
export function LoginScreen() {
  const { t } = useTranslation('auth');
  const online = useOnline();
  usePageTitle(t('title'));
  return (
    <div className="login-page">
      <main className="login-card card" id="main">
        <div className="login-head">
          <img src="/icons/icon-192.png" alt="" width={64} height={64} />
          <h1>Lotbook</h1>
          <p className="muted">{t('subtitle')}</p>
        </div>
        {!online ? (
          <p className="alert alert-warning" role="status">
            <Icon name="cloudOff" />
            <span>{t('offlineFirstLogin')}</span>
          </p>
        ) : null}
        <LoginForm
          submitLabel={t('submit')}
          onSuccess={(s) => {
            sessionStore.set(s);
            void openData().catch(() => undefined);
          }}
        />
        <p className="muted login-demo">{t('demoHint')}</p>
      </main>
      <footer>
        <LanguageThemeSwitches compact />
      </footer>
    </div>
  );
}
