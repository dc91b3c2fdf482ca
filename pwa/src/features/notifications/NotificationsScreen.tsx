import type { Notification } from '@lotbook/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useData, useNow, useRequiredSession } from '../../app/hooks.ts';
import { canWrite } from '../inventory/permissions.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon, type IconName } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { markRead, notificationHref, useNotifications } from './useNotifications.ts';
import './notifications.css';

const TYPE_ICONS: Record<string, IconName> = {
  lead_assigned: 'leads',
  lead_unanswered: 'clock',
  hot_lead: 'alert',
  follow_up_due: 'clock',
  aged_inventory: 'car',
  daily_report: 'info',
};

export default function NotificationsScreen() {
  const { t } = useTranslation('notifications');
  const { db } = useData();
  const fmt = useFormat();
  const now = useNow();
  const navigate = useNavigate();
  const items = useNotifications();
  // The server refuses every write of a read-only user, even read_at: a viewer does not mark.
  const canMark = canWrite(useRequiredSession().user.role);
  usePageTitle(t('title'));
  if (items === null) return <PageSpinner />;
  const unread = items.filter((n) => n.read_at === null);

  async function open(n: Notification) {
    if (canMark) await markRead(db, [n.id]);
    const href = notificationHref(n);
    if (href) void navigate(href);
  }

  return (
    <div className="page page-narrow stack">
      <div className="page-header">
        <h1>{t('title')}</h1>
        {canMark ? <button type="button" className="btn btn-sm" disabled={unread.length === 0} onClick={() => void markRead(db, unread.map((n) => n.id))}>
          <Icon name="check" />
          {t('markAllRead')}
        </button> : null}
      </div>
      {items.length === 0 ? (
        <div className="empty">
          <Icon name="bell" />
          <p>{t('empty')}</p>
        </div>
      ) : (
        <ul className="notif-list" aria-label={t('listLabel', { count: unread.length })}>
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className={`notif${n.read_at === null ? ' notif-unread' : ''}`} onClick={() => void open(n)} data-testid="notification">
                <span className={`notif-icon notif-${n.priority}`}><Icon name={TYPE_ICONS[n.type] ?? 'bell'} /></span>
                <span className="notif-text">
                  <span className="notif-title">
                    {n.read_at === null ? <span className="visually-hidden">{t('unread')}: </span> : null}
                    {n.title}
                  </span>
                  <span className="notif-body">{n.body}</span>
                  <span className="notif-meta muted">
                    {t(`types.${n.type}`, { defaultValue: n.type })} · <time dateTime={n.created_at}>{fmt.relative(n.created_at, now)}</time>
                  </span>
                </span>
                {n.read_at === null ? <span className="notif-dot" aria-hidden="true" /> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
