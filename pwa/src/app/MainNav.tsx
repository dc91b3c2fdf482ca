import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useConflictCount } from '../features/sync/useConflicts.ts';
import { useUnreadCount } from '../features/notifications/useNotifications.ts';
import { Icon } from '../ui/icons.tsx';
import { useRequiredSession } from './hooks.ts';
import { NAV_ITEMS, type NavItem } from './nav.ts';

function Badge({ kind }: { kind: NonNullable<NavItem['badge']> }) {
  const { t } = useTranslation();
  const conflicts = useConflictCount();
  const unread = useUnreadCount();
  const n = kind === 'conflicts' ? conflicts : unread;
  if (n === 0) return null;
  return (
    <span className={`nav-badge${kind === 'conflicts' ? ' nav-badge-danger' : ''}`}>
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span className="visually-hidden">{t(`nav.badge.${kind}`, { count: n })}</span>
    </span>
  );
}

/** The same items as a bottom bar (phones) or a side bar (tablets and desktops); CSS picks one. */
export function MainNav({ variant }: { variant: 'side' | 'bottom' }) {
  const { t } = useTranslation();
  const { user } = useRequiredSession();
  const items = NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(user.role));
  return (
    <nav className={`nav nav-${variant}`} aria-label={t('nav.label')}>
      {variant === 'side' ? (
        <div className="nav-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span>Lotbook</span>
        </div>
      ) : null}
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="nav-link">
              <span className="nav-icon">
                <Icon name={item.icon} />
                {item.badge ? <Badge kind={item.badge} /> : null}
              </span>
              <span className="nav-label">{t(item.labelKey)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
