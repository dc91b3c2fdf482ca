import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { LoginScreen } from '../features/auth/LoginScreen.tsx';
import { FormatSettingsContext, type FormatSettings } from '../i18n/format.ts';
import { ToastRegion } from '../ui/toast.tsx';
import { AppShell } from './AppShell.tsx';
import { DataGate } from './DataGate.tsx';
import { useSession } from './hooks.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';

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
        {session ? (
          <DataGate>
            <AppShell />
          </DataGate>
        ) : (
          <LoginScreen />
        )}
      </BrowserRouter>
      <UpdatePrompt />
      <ToastRegion closeLabel={t('close')} />
    </FormatSettingsContext.Provider>
  );
}
