import { useTranslation } from 'react-i18next';
import { useData, useRequiredSession, useSyncStatus } from '../../app/hooks.ts';
import { sessionStore } from '../../app/runtime.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Icon } from '../../ui/icons.tsx';
import { LoginForm } from './LoginForm.tsx';
import { LogoutButton } from './LogoutButton.tsx';

/**
 * Shown when the refresh token died (expired or revoked while offline), or when the server ended
 * the session (`session_revoked`: account deactivated or password changed elsewhere), which it
 * says in so many words. Local data and queued writes stay; logging in again as the same user
 * resumes replication and pushes the queue.
 */
export function ReloginDialog() {
  const { t } = useTranslation('auth');
  const session = useRequiredSession();
  const status = useSyncStatus();
  const { sync } = useData();
  const open = status.authRequired;
  const revoked = sessionStore.authReason === 'session_revoked';
  const key = revoked ? 'relogin.revoked' : 'relogin.body';
  return (
    <Dialog open={open} onClose={() => undefined} dismissible={false} role="alertdialog" title={t('relogin.title')} testId="relogin-dialog">
      <p className="alert alert-info">
        <Icon name="info" />
        <span data-testid="relogin-reason" data-reason={revoked ? 'session_revoked' : 'expired'}>
          {status.pending > 0 ? t(`${key}Pending`, { count: status.pending }) : t(key)}
        </span>
      </p>
      <LoginForm
        fixedEmail={session.user.email}
        submitLabel={t('relogin.submit')}
        onSuccess={(s) => {
          sessionStore.set(s);
          sync.resume();
          void sync.syncNow().catch(() => undefined);
        }}
      />
      <div className="dialog-actions">
        <LogoutButton className="btn btn-ghost" />
      </div>
    </Dialog>
  );
}
