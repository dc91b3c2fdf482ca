import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import '../auth/auth.css';

/** The frame of the public one-time-link screens: centred card, and a clear note when offline. */
export function LinkPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('admin');
  const online = useOnline();
  return (
    <div className="login-page">
      <main className="login-card card" id="main">
        <div className="login-head">
          <img src="/icons/icon-192.png" alt="" width={64} height={64} />
          <h1>{title}</h1>
        </div>
        {!online ? (
          <p className="alert alert-warning" role="status">
            <Icon name="cloudOff" />
            <span>{t('needsConnection')}</span>
          </p>
        ) : null}
        {children}
      </main>
    </div>
  );
}

export function LinkError({ errorKey }: { errorKey: string }) {
  const { t } = useTranslation();
  return (
    <p className="alert alert-danger" role="alert" data-testid="link-error">
      <Icon name="alert" />
      <span>{t(errorKey)}</span>
    </p>
  );
}
