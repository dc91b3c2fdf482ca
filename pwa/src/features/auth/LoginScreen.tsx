import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberedLogo } from '../../app/branding.ts';
import { openData, prefetchDataCode, sessionStore } from '../../app/runtime.ts';
import type { Session } from '../../auth/session.ts';
import { ownershipFor, type DeviceOwner } from '../../db/owner.ts';
import { Dialog } from '../../ui/Dialog.tsx';
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
  // The logo of the dealership last used on this device (app/branding.ts), if it has one.
  const [dealerLogo] = useState(rememberedLogo);
  // The database code loads while the user types (the first sync starts right after the login).
  useEffect(prefetchDataCode, []);
  // Logging in as someone else than the device's owner wipes their data (runtime.openData); when
  // some of it was never sent, ask first.
  const [confirm, setConfirm] = useState<{ session: Session; owner: DeviceOwner } | null>(null);
  const enter = (s: Session) => {
    setConfirm(null);
    sessionStore.set(s);
    void openData().catch(() => undefined);
  };
  return (
    <div className="login-page">
      <main className="login-card card" id="main">
        <div className="login-head">
          <img src="/icons/icon-192.png" alt="" width={64} height={64} />
          <h1>Lotbook</h1>
          {dealerLogo ? <img className="login-dealer-logo" src={dealerLogo} alt="" data-testid="login-dealer-logo" /> : null}
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
            const own = ownershipFor(s.user.id);
            if (own.kind === 'other' && own.owner.pending > 0) setConfirm({ session: s, owner: own.owner });
            else enter(s);
          }}
        />
        <Dialog
          open={confirm !== null}
          onClose={() => setConfirm(null)}
          role="alertdialog"
          title={confirm ? t('otherUser.title', { count: confirm.owner.pending, email: confirm.owner.email }) : ''}
          testId="other-user-dialog"
        >
          <p>{confirm ? t('otherUser.body', { email: confirm.owner.email, user: confirm.session.user.email }) : null}</p>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setConfirm(null)}>{t('otherUser.back')}</button>
            <button type="button" className="btn btn-danger" onClick={() => confirm && enter(confirm.session)}>{t('otherUser.continue')}</button>
          </div>
        </Dialog>
        <p className="muted login-demo">{t('demoHint')}</p>
      </main>
      <footer>
        <LanguageThemeSwitches compact />
      </footer>
    </div>
  );
}
