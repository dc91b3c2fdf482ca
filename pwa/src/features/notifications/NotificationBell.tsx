import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../ui/icons.tsx';
import { useUnreadCount } from './useNotifications.ts';
import './notifications.css';

/** Header bell with the unread count; opens the notifications screen. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const unread = useUnreadCount();
  return (
    <Link to="/notifications" className="btn btn-ghost btn-icon bell" aria-label={t('bellLabel', { count: unread })} data-testid="notification-bell">
      <Icon name="bell" />
      {unread > 0 ? <span className="bell-badge" aria-hidden="true">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}
