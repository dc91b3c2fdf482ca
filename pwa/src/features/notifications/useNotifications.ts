import type { Notification } from '@lotbook/shared';
import { useMemo } from 'react';
import { map } from 'rxjs';
import { useData, useObservable, useRequiredSession } from '../../app/hooks.ts';

/** My notifications, newest first, live from the local collection (works offline). */
export function useNotifications(): Notification[] | null {
  const { db } = useData();
  const { user } = useRequiredSession();
  const list$ = useMemo(
    () =>
      db.notifications.find({ selector: { user_id: user.id } }).$.pipe(
        map((docs) => docs.map((d) => d.toJSON() as Notification).toSorted((a, b) => b.created_at.localeCompare(a.created_at))),
      ),
    [db, user.id],
  );
  return useObservable<Notification[] | null>(list$, null);
}

export function useUnreadCount(): number {
  const { db } = useData();
  const { user } = useRequiredSession();
  const count$ = useMemo(
    () => db.notifications.find({ selector: { user_id: user.id } }).$.pipe(map((docs) => docs.filter((d) => d.read_at === null).length)),
    [db, user.id],
  );
  return useObservable(count$, 0);
}

/** Marks notifications read locally; replication carries `read_at` to the server. */
export async function markRead(db: ReturnType<typeof useData>['db'], ids: readonly string[]): Promise<void> {
  const now = new Date().toISOString();
  const docs = await db.notifications.findByIds([...ids]).exec();
  await Promise.all([...docs.values()].filter((d) => d.read_at === null).map((d) => d.incrementalPatch({ read_at: now })));
}

/** Where each type leads when it names no record (the daily report has its own screen). */
const TYPE_HOME: Record<string, string> = {
  daily_report: '/notifications/daily-report',
  aged_inventory: '/inventory/aging',
  lead_assigned: '/leads',
  lead_unanswered: '/leads',
  hot_lead: '/leads',
  follow_up_due: '/today',
};

/** Where a notification leads in the app: its record when it names one, else its type's screen. */
export function notificationHref(n: Pick<Notification, 'type' | 'entity_type' | 'entity_id'>): string | null {
  if (n.entity_id) {
    if (n.entity_type === 'vehicle' || n.entity_type === 'vehicles') return `/inventory/${n.entity_id}`;
    if (n.entity_type === 'lead' || n.entity_type === 'leads') return `/leads/${n.entity_id}`;
    if (n.entity_type === 'customer' || n.entity_type === 'customers') return `/customers/${n.entity_id}`;
    if (n.entity_type === 'sale' || n.entity_type === 'sales') return '/sales';
  }
  return TYPE_HOME[n.type] ?? null;
}
