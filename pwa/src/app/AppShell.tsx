import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { ReloginDialog } from '../features/auth/ReloginDialog.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { FirstSyncBar } from '../features/sync/FirstSyncBar.tsx';
import { SyncChip } from '../features/sync/SyncChip.tsx';
import { UpdateRequiredBanner } from '../features/sync/UpdateRequiredBanner.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { PageSpinner } from '../ui/PageSpinner.tsx';
import { readModelFor } from '../features/inventory/useInventory.ts';
import { logoSrc, rememberLogo } from './branding.ts';
import { useData, useRequiredSession } from './hooks.ts';
import { MainNav } from './MainNav.tsx';
import { RoleGate } from './RoleGate.tsx';
import { FEATURE_ROUTES, WIDE_QUERY, homePathFor } from './routes.tsx';

/** Header (sync chip, bell), navigation, and the routed screen. */
export function AppShell() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const { db } = useData();
  // Inventory is home and most screens need it: load it while the screen's chunk downloads.
  useEffect(() => {
    void readModelFor(db).start();
  }, [db]);
  // The dealership's logo (dealership settings), remembered for this device's login screen.
  const logoUrl = session.dealership?.logo_url ?? null;
  const logo = logoSrc(logoUrl);
  useEffect(() => rememberLogo(logoUrl), [logoUrl]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <MainNav variant="side" />
      <div className="shell-body">
        <header className="shell-header">
          <div className="brand">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span className="brand-name">Lotbook</span>
            {logo ? <img className="brand-logo" src={logo} alt="" height={28} data-testid="dealer-logo" /> : null}
            {session.dealership ? <span className="brand-dealer muted">{session.dealership.name}</span> : null}
          </div>
          <div className="spacer" />
          <SyncChip />
          <NotificationBell />
        </header>
        <FirstSyncBar />
        <UpdateRequiredBanner />
        <main id="main" className="shell-main" tabIndex={-1}>
          <Suspense fallback={<PageSpinner />}>
            <Routes>
              <Route path="/" element={<Navigate to={homePathFor(session.user.role, window.matchMedia?.(WIDE_QUERY).matches ?? false)} replace />} />
              {FEATURE_ROUTES.map(({ path, Screen, needs }) => (
                <Route key={path} path={path} element={needs ? <RoleGate needs={needs}><Screen /></RoleGate> : <Screen />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
      </div>
      <MainNav variant="bottom" />
      <ReloginDialog />
    </div>
  );
}
