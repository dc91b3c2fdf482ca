import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { showToast } from '../ui/toast.tsx';

const UPDATE_CHECK_MS = 60 * 60 * 1000;
let registration: ServiceWorkerRegistration | undefined;
let activateWaiting: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Moves to the newest app version: activates a waiting service worker when there is one
 * (the page reloads when it takes control), otherwise reloads. Used by the 426 banner too.
 */
export async function updateApp(): Promise<void> {
  await registration?.update().catch(() => undefined);
  if (registration?.waiting && activateWaiting) await activateWaiting(true);
  else location.reload();
}

/** Registers the service worker and offers a new version when one is waiting ("prompt" mode). */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, reg) {
      registration = reg;
      if (reg) setInterval(() => void reg.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
  });
  activateWaiting = updateServiceWorker;

  useEffect(() => {
    if (!needRefresh) return;
    showToast(t('update.available'), {
      duration: 0,
      action: { label: t('update.reload'), run: () => void updateServiceWorker(true) },
    });
  }, [needRefresh, t, updateServiceWorker]);

  useEffect(() => {
    if (!offlineReady) return;
    showToast(t('update.offlineReady'));
    setOfflineReady(false);
  }, [offlineReady, setOfflineReady, t]);

  return null;
}
