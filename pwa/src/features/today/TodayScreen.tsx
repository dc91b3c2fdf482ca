import type { ActivityType, Customer, Lead, LeadActivity } from '@lotbook/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { RxDocument } from 'rxdb';
import { useData, useNow, useRequiredSession } from '../../app/hooks.ts';
import { useFormat, type Formatter } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { showToast } from '../../ui/toast.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { logActivity, markContacted } from '../leads/save-lead.ts';
import { customerName } from '../leads/useCustomers.ts';
import { useTeamNames } from '../team/useTeamNames.ts';
import { bucketByDue, inScope, tomorrowAt, type DueEntry, type Scope } from './today.ts';
import { useActivityDocs, useCustomerDocs, useDueSnapshot, useTimeZone, useUnansweredLeads } from './useToday.ts';
import './today.css';

const PAGE = 20;
type SectionKey = 'overdue' | 'today' | 'upcoming' | 'leads';

/** The follow-ups due today and overdue, the next days, and new leads still waiting for a first contact. */
export default function TodayScreen() {
  const { t } = useTranslation('today');
  usePageTitle(t('title'));
  const data = useData();
  const { db } = data;
  const { user } = useRequiredSession();
  const fmt = useFormat();
  const tz = useTimeZone();
  const now = useNow(60_000);
  const names = useTeamNames();
  const snap = useDueSnapshot();
  const [params, setParams] = useSearchParams();
  const [limits, setLimits] = useState<Record<SectionKey, number>>({ overdue: PAGE, today: PAGE, upcoming: PAGE, leads: PAGE });

  const seesTeam = user.role !== 'sales';
  const isManager = user.role === 'manager' || user.role === 'admin';
  const canWrite = user.role !== 'viewer';
  const who = seesTeam ? (params.get('who') ?? 'mine') : 'mine';
  const scopeUser = who === 'all' ? null : who === 'mine' ? user.id : who;
  const scope = useMemo<Scope>(() => (scopeUser ? { kind: 'user', userId: scopeUser } : { kind: 'all' }), [scopeUser]);

  const buckets = useMemo(
    () => bucketByDue(snap.entries.filter((e) => inScope(e, snap.leads, scope)), now, tz),
    [snap, now, tz, scope],
  );
  const newLeads = useUnansweredLeads(scope);

  const shown = {
    overdue: buckets.overdue.slice(0, limits.overdue),
    today: buckets.today.slice(0, limits.today),
    upcoming: buckets.upcoming.slice(0, limits.upcoming),
    leads: (newLeads ?? []).slice(0, limits.leads),
  };
  const shownTasks = [...shown.overdue, ...shown.today, ...shown.upcoming];
  const activities = useActivityDocs(shownTasks.map((e) => e.id).toSorted());
  const customerIds = [...new Set([
    ...shownTasks.map((e) => snap.leads.get(e.lead_id)?.customer_id ?? ''),
    ...shown.leads.map((l) => l.customer_id),
  ].filter(Boolean))].toSorted();
  const customers = useCustomerDocs(customerIds);

  const teamOptions = useMemo(
    () => [...names].filter(([id]) => id !== user.id).toSorted((a, b) => a[1].localeCompare(b[1])),
    [names, user.id],
  );

  /** Runs a local write; a failure (rare: the database refused it) says so instead of vanishing. */
  async function write(fn: () => Promise<void>) {
    try {
      await fn();
    } catch {
      showToast(t('saveError'));
    }
  }

  const contact = (leadId: string, type: ActivityType) => write(async () => {
    await logActivity(data, user, leadId, type, t(type === 'call' ? 'callText' : 'whatsappText'), null);
    const lead = await db.leads.findOne(leadId).exec();
    if (lead) await markContacted(lead);
  });

  const markDone = (id: string) => write(async () => {
    const doc = await db.lead_activities.findOne(id).exec();
    if (!doc) return;
    await doc.incrementalPatch({ done: true });
    showToast(t('doneToast'), { action: { label: t('undo'), run: () => void write(() => doc.getLatest().incrementalPatch({ done: false }).then(() => undefined)) } });
  });

  const snooze = (id: string) => write(async () => {
    const doc = await db.lead_activities.findOne(id).exec();
    if (!doc) return;
    const before = doc.due_at;
    const due = tomorrowAt(Date.now(), tz);
    await doc.incrementalPatch({ due_at: due });
    showToast(t('snoozedToast', { when: fmt.dateTime(due) }), { action: { label: t('undo'), run: () => void write(() => doc.getLatest().incrementalPatch({ due_at: before }).then(() => undefined)) } });
  });

  const more = (key: SectionKey, total: number) =>
    total > limits[key] ? (
      <button type="button" className="btn btn-ghost today-more" onClick={() => setLimits({ ...limits, [key]: limits[key] + PAGE * 5 })}>
        {t('showMore', { count: total - limits[key] })}
      </button>
    ) : null;

  const taskList = (key: 'overdue' | 'today' | 'upcoming', items: readonly DueEntry[], total: number) => (
    <>
      <ul className="today-list">
        {items.map((e) => {
          const lead = snap.leads.get(e.lead_id);
          const customer = lead ? customers.get(lead.customer_id) : undefined;
          return (
            <TaskItem
              key={e.id}
              entry={e}
              overdue={key === 'overdue'}
              showDate={key !== 'today'}
              activity={activities.get(e.id)}
              customer={customer}
              owner={seesTeam && e.user_id !== user.id ? names.get(e.user_id) : undefined}
              canAct={canWrite && (isManager || e.user_id === user.id)}
              canContact={canWrite}
              fmt={fmt}
              onDone={() => void markDone(e.id)}
              onSnooze={() => void snooze(e.id)}
              onContact={(type) => void contact(e.lead_id, type)}
            />
          );
        })}
      </ul>
      {more(key, total)}
    </>
  );

  const nothingDue = snap.ready && buckets.overdue.length === 0 && buckets.today.length === 0;
  const nothingAtAll = nothingDue && newLeads !== null && newLeads.length === 0;

  return (
    <div className="page page-narrow stack today" data-testid="today" aria-busy={!snap.ready}>
      <div className="page-header">
        <h1>{t('title')}</h1>
        <span className="muted">{fmt.date(new Date(now).toISOString())}</span>
      </div>

      {seesTeam ? (
        <label className="field today-who">
          {t('who')}
          <select
            className="input"
            value={who}
            onChange={(ev) => setParams(ev.target.value === 'mine' ? {} : { who: ev.target.value }, { replace: true })}
          >
            <option value="mine">{t('mine')}</option>
            <option value="all">{t('everyone')}</option>
            {teamOptions.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
      ) : null}

      {!snap.ready ? (
        <div className="today-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>{t('loading')}{snap.progress > 0 ? ` ${fmt.number(snap.progress * 100)} %` : ''}</span>
        </div>
      ) : null}

      {nothingAtAll ? (
        <div className="empty" data-testid="today-empty">
          <Icon name="check" />
          <p>{t('empty')}</p>
          <p className="muted">{t('emptyHint')}</p>
        </div>
      ) : null}

      {snap.ready && buckets.overdue.length > 0 ? (
        <Section id="overdue" title={t('overdue')} count={buckets.overdue.length} danger>
          {taskList('overdue', shown.overdue, buckets.overdue.length)}
        </Section>
      ) : null}

      {snap.ready && !nothingAtAll ? (
        <Section id="today" title={t('today')} count={buckets.today.length}>
          {buckets.today.length === 0 ? <p className="muted">{t('noneToday')}</p> : taskList('today', shown.today, buckets.today.length)}
        </Section>
      ) : null}

      {newLeads && newLeads.length > 0 ? (
        <Section id="leads" title={t('unanswered')} count={newLeads.length} hint={t('unansweredHint')}>
          <ul className="today-list">
            {shown.leads.map((l) => (
              <LeadItem
                key={l.id}
                lead={l}
                customer={customers.get(l.customer_id)}
                owner={seesTeam && l.assigned_to !== user.id ? (l.assigned_to ? names.get(l.assigned_to) : t('unassigned')) : undefined}
                canContact={canWrite}
                fmt={fmt}
                now={now}
                onContact={(type) => void contact(l.id, type)}
              />
            ))}
          </ul>
          {more('leads', newLeads.length)}
        </Section>
      ) : null}

      {snap.ready && buckets.upcoming.length > 0 ? (
        <details className="card today-upcoming" data-testid="today-upcoming">
          <summary>
            <h2 id="today-upcoming">{t('upcoming')}</h2>
            <span className="badge">{fmt.number(buckets.upcoming.length)}</span>
          </summary>
          {taskList('upcoming', shown.upcoming, buckets.upcoming.length)}
        </details>
      ) : null}
    </div>
  );
}

function Section({ id, title, count, danger, hint, children }: { id: string; title: string; count: number; danger?: boolean; hint?: string; children: ReactNode }) {
  const fmt = useFormat();
  return (
    <section className="today-section" aria-labelledby={`today-${id}`} data-testid={`today-${id}`}>
      <div className="today-section-head">
        <h2 id={`today-${id}`}>{title}</h2>
        <span className={`badge${danger ? ' badge-danger' : ''}`}>{fmt.number(count)}</span>
      </div>
      {hint ? <p className="muted today-hint">{hint}</p> : null}
      {children}
    </section>
  );
}

function phoneDigits(c: Customer | undefined): string {
  return c?.phone?.replace(/\D/g, '') ?? '';
}

function ContactLinks({ customer, name, onContact }: { customer: Customer | undefined; name: string; onContact: (type: ActivityType) => void }) {
  const { t } = useTranslation('today');
  const digits = phoneDigits(customer);
  if (!digits) return null;
  return (
    <>
      <a className="btn" href={`tel:+${digits}`} onClick={() => onContact('call')}>
        <span aria-hidden="true">{t('call')}</span><span className="visually-hidden">{t('callWho', { name })}</span>
      </a>
      <a className="btn" href={`https://wa.me/${digits}`} target="_blank" rel="noreferrer" onClick={() => onContact('whatsapp')}>
        <span aria-hidden="true">{t('whatsapp')}</span><span className="visually-hidden">{t('whatsappWho', { name })}</span>
      </a>
    </>
  );
}

interface TaskItemProps {
  entry: DueEntry;
  overdue: boolean;
  /** Overdue and upcoming ones show the day too; today's only the time. */
  showDate: boolean;
  activity: RxDocument<LeadActivity> | undefined;
  customer: RxDocument<Customer> | undefined;
  owner: string | undefined;
  canAct: boolean;
  canContact: boolean;
  fmt: Formatter;
  onDone: () => void;
  onSnooze: () => void;
  onContact: (type: ActivityType) => void;
}

function TaskItem({ entry, overdue, showDate, activity, customer, owner, canAct, canContact, fmt, onDone, onSnooze, onContact }: TaskItemProps) {
  const { t } = useTranslation('today');
  const c = customer?.toJSON() as Customer | undefined;
  const name = c ? customerName(c) : t('customer');
  const what = activity?.description || (activity ? t(`type.${activity.activity_type}`) : '');
  return (
    <li className={`card today-item${overdue ? ' today-overdue' : ''}`} data-testid="today-task">
      <div className="today-main">
        <div className="today-line">
          <Link to={`/leads/${entry.lead_id}`} className="today-name">{name}</Link>
          {activity ? <span className="badge badge-brand">{t(`type.${activity.activity_type}`)}</span> : null}
        </div>
        {activity?.description ? <p className="today-desc">{activity.description}</p> : null}
        <p className="today-meta">
          <Icon name="clock" />
          <time dateTime={entry.due_at}>{showDate ? fmt.dateTime(entry.due_at) : fmt.time(entry.due_at)}</time>
          {overdue ? <span className="badge badge-danger">{t('overdueBadge')}</span> : null}
          {owner ? <span className="muted">· {owner}</span> : null}
        </p>
      </div>
      <div className="today-actions">
        {canContact ? <ContactLinks customer={c} name={name} onContact={onContact} /> : null}
        {canAct ? (
          <>
            <button type="button" className="btn btn-primary" onClick={onDone}>
              <Icon name="check" />{t('done')}<span className="visually-hidden">: {what} · {name}</span>
            </button>
            <button type="button" className="btn" onClick={onSnooze}>
              {t('snooze')}<span className="visually-hidden">: {what} · {name}</span>
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
}

function LeadItem({ lead, customer, owner, canContact, fmt, now, onContact }: {
  lead: Lead; customer: RxDocument<Customer> | undefined; owner: string | undefined; canContact: boolean; fmt: Formatter; now: number; onContact: (type: ActivityType) => void;
}) {
  const { t } = useTranslation('today');
  const c = customer?.toJSON() as Customer | undefined;
  const name = c ? customerName(c) : t('customer');
  return (
    <li className="card today-item" data-testid="today-lead">
      <div className="today-main">
        <div className="today-line">
          <Link to={`/leads/${lead.id}`} className="today-name">{name}</Link>
          <span className="badge">{t(`source.${lead.source}`)}</span>
        </div>
        <p className="today-meta">
          <Icon name="clock" />
          <span>{t('arrived')} <time dateTime={lead.created_at}>{fmt.relative(lead.created_at, now)}</time></span>
          {owner ? <span className="muted">· {owner}</span> : null}
        </p>
      </div>
      {canContact ? <div className="today-actions"><ContactLinks customer={c} name={name} onContact={onContact} /></div> : null}
    </li>
  );
}
