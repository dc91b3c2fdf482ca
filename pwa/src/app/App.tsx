import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { LoginScreen } from '../features/auth/LoginScreen.tsx';
import { FormatSettingsContext, type FormatSettings } from '../i18n/format.ts';
import { ToastRegion } from '../ui/toast.tsx';
import { AppShell } from './AppShell.tsx';
import { DataGate } from './DataGate.tsx';
import { useSession } from './hooks.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { PageSpinner } from '../ui/PageSpinner.tsx';

// Public one-time-link screens (first-run setup, set your password): reachable with or without a session.
const SetupScreen = lazy(() => import('../features/admin/SetupScreen.tsx'));
const SetPasswordScreen = lazy(() => import('../features/admin/SetPasswordScreen.tsx'));

/** Logged out: the login screen. Logged in: the local database, then the shell and its routes. */
export function App() {
  const session = useSession();
  const { t } = useTranslation();
  const dealership = session?.dealership;
  const settings = useMemo<FormatSettings>(
    () => ({ currency: dealership?.currency ?? 'EUR', locale: dealership?.locale, timeZone: dealership?.timezone }),
    [dealership?.currency, dealership?.locale, dealership?.timezone],
  );
  return (
    <FormatSettingsContext.Provider value={settings}>
      <BrowserRouter>
        <Routes>
          <Route path="/setup" element={<Suspense fallback={<PageSpinner />}><SetupScreen /></Suspense>} />
          <Route path="/set-password" element={<Suspense fallback={<PageSpinner />}><SetPasswordScreen /></Suspense>} />
          <Route
            path="*"
            element={
              session ? (
                <DataGate>
                  <AppShell />
                </DataGate>
              ) : (
                <LoginScreen />
              )
            }
          />
        </Routes>
      </BrowserRouter>
      <UpdatePrompt />
      <ToastRegion closeLabel={t('close')} />
    </FormatSettingsContext.Provider>
  );
}
