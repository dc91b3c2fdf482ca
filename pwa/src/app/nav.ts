import type { Role } from '@lotbook/shared';
import type { IconName } from '../ui/icons.tsx';

export interface NavItem {
  to: string;
  /** Key in the `common` namespace (nav.*). */
  labelKey: string;
  icon: IconName;
  /** A live count shown on the item. */
  badge?: 'conflicts' | 'notifications';
  /** Only these roles see the item (everyone when absent). */
  roles?: readonly Role[];
}

/**
 * The main navigation (bottom bar on phones, side bar from tablets up), in order. A new feature
 * adds its entry here and its routes in routes.tsx.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/inventory', labelKey: 'nav.inventory', icon: 'car' },
  { to: '/leads', labelKey: 'nav.leads', icon: 'leads' },
  { to: '/notifications', labelKey: 'nav.notifications', icon: 'bell', badge: 'notifications' },
  { to: '/conflicts', labelKey: 'nav.conflicts', icon: 'conflict', badge: 'conflicts' },
  { to: '/settings', labelKey: 'nav.settings', icon: 'settings' },
];
