import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useConflictCount } from '../features/sync/useConflicts.ts';
import { useUnreadCount } from '../features/notifications/useNotifications.ts';
import { Icon } from '../ui/icons.tsx';
import { logoSrc } from './branding.ts';
import { useRequiredSession } from './hooks.ts';
import { MORE_ITEM, NAV_ITEMS, type NavBadge, type NavItem } from './nav.ts';

/** The live count behind each badge kind. */
export function useBadgeCounts(): Record<NavBadge, number> {
  return { conflicts: useConflictCount(), notifications: useUnreadCount() };
}

export function NavBadgeCount({ kind, count }: { kind: NavBadge; count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <span className={`nav-badge${kind === 'conflicts' ? ' nav-badge-danger' : ''}`}>
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t(`nav.badge.${kind}`, { count })}</span>
    </span>
  );
}

/** The items this user sees (role filter). */
export function useNavItems(): readonly NavItem[] {
  const { user } = useRequiredSession();
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(user.role));
}

/**
 * The side bar (tablets and desktops) lists every item; the bottom bar (phones) lists the
 * `bottom` ones and "More". CSS shows one of the two.
 */
export function MainNav({ variant }: { variant: 'side' | 'bottom' }) {
  const { t } = useTranslation();
  const counts = useBadgeCounts();
  const all = useNavItems();
  const logo = logoSrc(useRequiredSession().dealership?.logo_url);
  const items = variant === 'side'
    ? all
    : [...all.filter((i) => i.bottom === 'always' || (i.bottom === 'badge' && i.badge && counts[i.badge] > 0)), MORE_ITEM];
  // "More" carries the unread alerts of the items it hides.
  const hiddenUnread = variant === 'bottom' && !items.some((i) => i.badge === 'notifications') ? counts.notifications : 0;
  return (
    <nav className={`nav nav-${variant}`} aria-label={t('nav.label')}>
      {variant === 'side' ? (
        <div className="nav-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span>Lotbook</span>
        </div>
      ) : null}
      {variant === 'side' && logo ? <img className="nav-dealer-logo" src={logo} alt="" data-testid="dealer-logo" /> : null}
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="nav-link">
              <span className="nav-icon">
                <Icon name={item.icon} />
                {item.badge ? <NavBadgeCount kind={item.badge} count={counts[item.badge]} /> : null}
                {item === MORE_ITEM ? <NavBadgeCount kind="notifications" count={hiddenUnread} /> : null}
              </span>
              <span className="nav-label">{t(item.labelKey)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
