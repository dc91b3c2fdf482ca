import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { canEditInventory, canWrite } from '../features/inventory/permissions.ts';
import { showToast } from '../ui/toast.tsx';
import { useRequiredSession } from './hooks.ts';
import type { FeatureRoute } from './routes.tsx';

/**
 * Renders a writing screen only for a role the server lets write it; anyone else goes back to the
 * list with a message (a viewer typing /leads/new never gets a form whose save would be refused).
 */
export function RoleGate({ needs, children }: { needs: FeatureRoute['needs']; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const allowed = !needs || (needs.can === 'inventory' ? canEditInventory(user.role) : canWrite(user.role));
  useEffect(() => {
    if (!allowed) showToast(t('readOnly'));
  }, [allowed, t]);
  if (!allowed && needs) return <Navigate to={needs.back} replace />;
  return children;
}
