import type { Role } from '@lotbook/shared';
import type { IconName } from '../ui/icons.tsx';

export type NavBadge = 'conflicts' | 'notifications';

export interface NavItem {
  to: string;
  /** Key in the `common` namespace (nav.*). */
  labelKey: string;
  icon: IconName;
  /** A live count shown on the item. */
  badge?: NavBadge;
  /** Only these roles see the item (everyone when absent). */
  roles?: readonly Role[];
  /**
   * On phones the bottom bar holds only a few items; the rest are under "More" (/more).
   * `always`: in the bar; `badge`: in the bar only while its badge count is above zero.
   */
  bottom?: 'always' | 'badge';
}

/**
 * The main navigation, in order: a side bar from tablets up shows every item; the bottom bar on
 * phones shows the `bottom` ones plus "More". A new feature adds its entry here and its routes in
 * routes.tsx.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/today', labelKey: 'nav.today', icon: 'clock', bottom: 'always' },
  { to: '/inventory', labelKey: 'nav.inventory', icon: 'car', bottom: 'always' },
  { to: '/leads', labelKey: 'nav.leads', icon: 'leads', bottom: 'always' },
  { to: '/customers', labelKey: 'nav.customers', icon: 'user', bottom: 'always' },
  { to: '/sales', labelKey: 'nav.sales', icon: 'tag' },
  { to: '/chat', labelKey: 'nav.chat', icon: 'search' },
  { to: '/dashboard', labelKey: 'nav.dashboard', icon: 'grid' },
  { to: '/notifications', labelKey: 'nav.notifications', icon: 'bell', badge: 'notifications' },
  { to: '/conflicts', labelKey: 'nav.conflicts', icon: 'conflict', badge: 'conflicts', bottom: 'badge' },
  { to: '/admin/team', labelKey: 'nav.team', icon: 'user', roles: ['admin', 'manager', 'viewer'] },
  { to: '/admin/dealership', labelKey: 'nav.dealership', icon: 'mapPin', roles: ['admin'] },
  { to: '/admin/audit', labelKey: 'nav.audit', icon: 'list', roles: ['admin'] },
  { to: '/inventory/aging', labelKey: 'nav.aging', icon: 'car', roles: ['admin', 'manager'] },
  { to: '/routing', labelKey: 'nav.routing', icon: 'leads', roles: ['admin', 'manager'] },
  { to: '/import', labelKey: 'nav.import', icon: 'list', roles: ['admin', 'manager'] },
  { to: '/settings', labelKey: 'nav.settings', icon: 'settings' },
];

/** The bottom bar's last item: the screen that lists everything not in the bar. */
export const MORE_ITEM: NavItem = { to: '/more', labelKey: 'nav.more', icon: 'more', bottom: 'always' };
