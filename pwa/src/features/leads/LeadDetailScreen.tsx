import { NOTE_MAX_LENGTH } from '@lotbook/shared';
import { LEAD_STATUSES, LEAD_TRANSITIONS, type ActivityType, type Lead, type LeadStatus } from '@lotbook/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useData, useRequiredSession } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { canMoveLeads, refusalMessage, type Translate } from './kanban.ts';
import { showToast } from '../../ui/toast.tsx';
import { canAssignLeads } from './assign.ts';
import { OwnerPanel } from './OwnerPanel.tsx';
import { RoutingPanel } from '../routing/RoutingPanel.tsx';
import '../routing/routing.css';
import { changeLeadStatus, logActivity } from './save-lead.ts';
import { contactAndReport, logTestDrive, testDriveText, type TestDriveInput } from './test-drive.ts';
import { TestDriveDialog } from './TestDriveDialog.tsx';
import { customerName } from './useCustomers.ts';
import { useActivities, useCustomer, useLeadDoc } from './useLeadDetail.ts';
import './leads.css';

export default function LeadDetailScreen() {
  const { t } = useTranslation('leads');
  const { id } = useParams();
  const doc = useLeadDoc(id);
  const data = useData();
  const { user } = useRequiredSession();
  const fmt = useFormat();
  const lead = doc ? (doc.toJSON() as Lead) : null;
  const customer = useCustomer(lead?.customer_id);
  const activities = useActivities(lead?.id);
  const [error, setError] = useState<string | null>(null);
  const [driving, setDriving] = useState(false);
  const [form, setForm] = useState<{ type: 'note' | 'task'; text: string; due: string } | null>(null);
  usePageTitle(customer ? customerName(customer) : t('list.title'));

  if (doc === undefined) return <PageSpinner />;
  if (!doc || !lead) {
    return (
      <div className="page"><p>{t('detail.notFound')}</p><Link to="/leads" className="btn">{t('detail.back')}</Link></div>
    );
  }
  const next = LEAD_TRANSITIONS[lead.status];
  const writable = canMoveLeads(user.role);
  const closed = lead.status === 'closed_won' || lead.status === 'closed_lost';
  const digits = customer?.phone?.replace(/\D/g, '') ?? '';

  async function move(to: LeadStatus) {
    if (!doc) return;
    const from = doc.status;
    const failed = await changeLeadStatus(doc, to);
    setError(failed ? (refusalMessage(from, to, t as unknown as Translate, fmt.locale) ?? failed) : null);
  }
  async function contact(type: ActivityType, text: string) {
    if (!doc) return;
    await logActivity(data, user, doc.id, type, text, null);
    if (await contactAndReport(doc)) showToast(t('detail.movedToContacted'));
  }
  async function testDrive(input: TestDriveInput) {
    if (!doc) return;
    const moved = await logTestDrive(data, user, doc, input, testDriveText(t('testDrive.text'), input, fmt.dateTime(input.at)));
    setDriving(false);
    showToast(moved ? `${t('testDrive.logged')} ${t('detail.movedToContacted')}` : t('testDrive.logged'));
  }
  async function addForm() {
    if (!doc || !form || !form.text.trim()) return;
    const due = form.type === 'task' && form.due ? new Date(form.due).toISOString() : null;
    await logActivity(data, user, doc.id, form.type, form.text.trim(), due);
    setForm(null);
  }

  return (
    <div className="page page-narrow lead-detail">
      <div className="page-header">
        <Link to="/leads" className="btn btn-ghost btn-icon" aria-label={t('detail.back')}><Icon name="back" /></Link>
        <h1>{customerName(customer ?? undefined)}</h1>
      </div>
      <section className="card lead-section" aria-labelledby="lead-contact">
        <h2 id="lead-contact" className="lead-section-title">{t('detail.contact')}</h2>
        <p className="lead-contact-line">
          {customer?.phone ? <a href={`tel:${customer.phone}`} data-testid="lead-phone">{fmt.phone(customer.phone)}</a> : <span>—</span>}
          {customer?.email ? <span> · <a href={`mailto:${customer.email}`}>{customer.email}</a></span> : null}
        </p>
        <dl className="lead-facts">
          <div><dt>{t('detail.status')}</dt><dd><span className="badge" data-testid="lead-status">{t(`status.${lead.status}`)}</span></dd></div>
          <div><dt>{t('detail.budget')}</dt><dd data-testid="lead-budget">{lead.budget_max !== null ? fmt.money(lead.budget_max) : '—'}</dd></div>
          <div><dt>{t('detail.source')}</dt><dd>{t(`source.${lead.source}`, { defaultValue: lead.source })}</dd></div>
        </dl>
        <OwnerPanel doc={doc} lead={lead} canAssign={canAssignLeads(user.role)} claimAs={user.role === 'sales' ? user.id : null} />
      </section>
      <RoutingPanel lead={lead} />
      <section className="card lead-section" aria-labelledby="lead-interest">
        <h2 id="lead-interest" className="lead-section-title">{t('detail.interest')}</h2>
        {lead.notes ? <p className="lead-notes" data-testid="lead-interest">{lead.notes}</p> : <p className="muted">{t('detail.noInterest')}</p>}
      </section>
      <section className="card lead-section" aria-labelledby="lead-actions">
        <h2 id="lead-actions" className="lead-section-title">{t('detail.actions')}</h2>
        <div className="leads-actions">
          {writable ? LEAD_STATUSES.filter((s) => next.includes(s)).map((s) => (
            <button key={s} type="button" className="btn" onClick={() => void move(s)}>{t('detail.moveTo', { status: t(`status.${s}`) })}</button>
          )) : null}
          {next.length === 0 ? <span className="muted">{t('detail.final')}</span> : null}
          {writable && !closed ? (
            <Link to={`/sales/new?lead=${encodeURIComponent(lead.id)}`} className="btn btn-primary">{t('detail.recordSale')}</Link>
          ) : null}
        </div>
        {error ? <p className="alert alert-danger" role="alert">{error}</p> : null}
        {writable ? <div className="leads-actions lead-contact-actions" aria-label={t('detail.timeline')}>
          {digits ? <a className="btn" href={`tel:+${digits}`} onClick={() => void contact('call', t('detail.callText'))}>{t('detail.call')}</a> : null}
          {digits ? <a className="btn" href={`https://wa.me/${digits}`} target="_blank" rel="noreferrer" onClick={() => void contact('whatsapp', t('detail.whatsappText'))}>{t('detail.whatsapp')}</a> : null}
          <button type="button" className="btn" onClick={() => setDriving(true)}>{t('detail.testDrive')}</button>
          <button type="button" className="btn" onClick={() => setForm({ type: 'note', text: '', due: '' })}>{t('detail.note')}</button>
          <button type="button" className="btn" onClick={() => setForm({ type: 'task', text: '', due: '' })}>{t('detail.task')}</button>
        </div> : null}
      </section>
      {writable ? <TestDriveDialog open={driving} onClose={() => setDriving(false)} onSave={testDrive} /> : null}
      {form ? (
        <form className="card leads-form" onSubmit={(e) => { e.preventDefault(); void addForm(); }}>
          <label className="field">{t('detail.text')}
            <textarea className="input" value={form.text} maxLength={NOTE_MAX_LENGTH} aria-describedby="note-count" onChange={(e) => setForm({ ...form, text: e.target.value })} />
          </label>
          <p id="note-count" className="muted leads-counter" aria-live="polite">{t('walkIn.noteCount', { count: form.text.length, max: NOTE_MAX_LENGTH })}</p>
          {form.type === 'task' ? (
            <label className="field">{t('detail.due')}
              <input className="input" type="datetime-local" value={form.due} onChange={(e) => setForm({ ...form, due: e.target.value })} />
            </label>
          ) : null}
          <button type="submit" className="btn btn-primary">{t('detail.add')}</button>
        </form>
      ) : null}
      <h2 className="lead-timeline-title">{t('detail.timeline')}</h2>
      {activities.length === 0 ? <p className="muted">{t('detail.noActivity')}</p> : (
        <ul className="leads-timeline" data-testid="lead-timeline">
          {activities.map((a) => (
            <li key={a.id} className="card lead-activity">
              <strong>{t(`activity.${a.activity_type}`)}</strong> · <span className="muted">{fmt.dateTime(a.activity_date)}</span>
              <p className="lead-activity-text">{a.description}</p>
              {a.due_at ? <p className="muted">{t('detail.due')}: {fmt.dateTime(a.due_at)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
