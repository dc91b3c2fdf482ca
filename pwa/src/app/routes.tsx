import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface FeatureRoute {
  path: string;
  Screen: LazyExoticComponent<ComponentType>;
  /**
   * A screen that writes: roles that may not (the server's matrix, permissions.ts) are sent to
   * `back` with a message instead. 'write': everyone but viewers; 'inventory': managers and admins.
   */
  needs?: { can: 'write' | 'inventory'; back: string };
}

/**
 * Every screen is its own chunk (React.lazy), so the first load carries only the shell.
 * A new feature adds its routes here and its nav entry in nav.ts.
 */
export const FEATURE_ROUTES: readonly FeatureRoute[] = [
  { path: '/inventory', Screen: lazy(() => import('../features/inventory/InventoryScreen.tsx')) },
  { path: '/inventory/scan', Screen: lazy(() => import('../features/inventory/ScanVinScreen.tsx')), needs: { can: 'inventory', back: '/inventory' } },
  { path: '/inventory/new', Screen: lazy(() => import('../features/inventory/VehicleFormScreen.tsx')), needs: { can: 'inventory', back: '/inventory' } },
  { path: '/inventory/aging', Screen: lazy(() => import('../features/aging/AgingScreen.tsx')) },
  { path: '/routing', Screen: lazy(() => import('../features/routing/RoutingScreen.tsx')) },
  { path: '/inventory/:id', Screen: lazy(() => import('../features/inventory/VehicleDetailScreen.tsx')) },
  // The assistant's answers and the spec link cars as /vehicles/{id}: the same screen.
  { path: '/vehicles/:id', Screen: lazy(() => import('../features/inventory/VehicleDetailScreen.tsx')) },
  { path: '/inventory/:id/edit', Screen: lazy(() => import('../features/inventory/VehicleFormScreen.tsx')), needs: { can: 'inventory', back: '/inventory' } },
  { path: '/leads', Screen: lazy(() => import('../features/leads/LeadsScreen.tsx')) },
  { path: '/leads/new', Screen: lazy(() => import('../features/leads/WalkInScreen.tsx')), needs: { can: 'write', back: '/leads' } },
  { path: '/leads/:id', Screen: lazy(() => import('../features/leads/LeadDetailScreen.tsx')) },
  { path: '/today', Screen: lazy(() => import('../features/today/TodayScreen.tsx')) },
  { path: '/customers', Screen: lazy(() => import('../features/customers/CustomersScreen.tsx')) },
  { path: '/customers/:id', Screen: lazy(() => import('../features/customers/CustomerDetailScreen.tsx')) },
  { path: '/sales', Screen: lazy(() => import('../features/sales/MySalesScreen.tsx')) },
  { path: '/sales/new', Screen: lazy(() => import('../features/sales/SaleFormScreen.tsx')), needs: { can: 'write', back: '/sales' } },
  { path: '/conflicts', Screen: lazy(() => import('../features/sync/ConflictInboxScreen.tsx')) },
  { path: '/notifications', Screen: lazy(() => import('../features/notifications/NotificationsScreen.tsx')) },
  { path: '/notifications/daily-report', Screen: lazy(() => import('../features/notifications/DailyReportScreen.tsx')) },
  { path: '/chat', Screen: lazy(() => import('../features/chat/ChatScreen.tsx')) },
  { path: '/dashboard', Screen: lazy(() => import('../features/dashboard/DashboardScreen.tsx')) },
  { path: '/import', Screen: lazy(() => import('../features/import/ImportScreen.tsx')), needs: { can: 'inventory', back: '/inventory' } },
  { path: '/more', Screen: lazy(() => import('./MoreScreen.tsx')) },
  { path: '/admin/team', Screen: lazy(() => import('../features/admin/TeamScreen.tsx')) },
  { path: '/admin/dealership', Screen: lazy(() => import('../features/admin/DealershipScreen.tsx')) },
  { path: '/admin/audit', Screen: lazy(() => import('../features/admin/AuditScreen.tsx')) },
  { path: '/settings', Screen: lazy(() => import('../features/settings/SettingsScreen.tsx')) },
];

/** Where "/" goes: the inventory, except for managers and admins on a wide (desktop) screen. */
export const HOME_PATH = '/inventory';
/** A desktop-wide viewport (the dashboard's four-column grid starts a little above). */
export const WIDE_QUERY = '(min-width: 1024px)';

/** Managers and admins land on the dashboard on a desktop; phones, tablets and every other role on the inventory. */
export function homePathFor(role: string, wide: boolean): string {
  return wide && (role === 'manager' || role === 'admin') ? '/dashboard' : HOME_PATH;
}
