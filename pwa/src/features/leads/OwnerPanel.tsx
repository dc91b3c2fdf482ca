import type { Lead } from '@lotbook/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { showToast } from '../../ui/toast.tsx';
import { useAssignableTeam } from '../team/useTeam.ts';
import { useTeamNames } from '../team/useTeamNames.ts';
import { assignLead, ownerLabel } from './assign.ts';

/**
 * Who owns the lead; managers and admins assign, reassign or unassign it, and a salesperson claims
 * a pooled one (offline too: two offline claims are settled by the server, the loser's inbox says who won).
 */
export function OwnerPanel({ doc, lead, canAssign, claimAs }: { doc: RxDocument<Lead>; lead: Lead; canAssign: boolean; claimAs?: string | null }) {
  const { t } = useTranslation('leads');
  const { t: tr } = useTranslation('routing');
  const id = useId();
  const names = useTeamNames();
  const team = useAssignableTeam();
  const [choice, setChoice] = useState<string>(lead.assigned_to ?? '');
  const [busy, setBusy] = useState(false);
  const owner = ownerLabel(lead.assigned_to, names, t('owner.none'));

  async function save(to: string | null) {
    setBusy(true);
    try {
      if (await assignLead(doc.getLatest(), to)) {
        showToast(to ? t('owner.assigned', { name: ownerLabel(to, names, '') }) : t('owner.unassigned'));
      }
      setChoice(to ?? '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="lead-owner">
      <p><span className="muted">{t('owner.label')}:</span> <strong data-testid="lead-owner">{owner}</strong></p>
      {!canAssign && claimAs && !lead.assigned_to ? (
        <div className="leads-actions">
          <p className="muted">{tr('pool')}</p>
          <button type="button" className="btn btn-primary" data-testid="claim-lead" disabled={busy}
            onClick={() => void assignLead(doc.getLatest(), claimAs).then((done) => done && showToast(tr('claimed')))}>{tr('claim')}</button>
        </div>
      ) : null}
      {canAssign ? (
        <form className="lead-owner-form" onSubmit={(e) => { e.preventDefault(); void save(choice || null); }}>
          <div className="field">
            <label htmlFor={id}>{t('owner.assign')}</label>
            <select id={id} className="select" value={choice} onChange={(e) => setChoice(e.target.value)} aria-describedby={`${id}-hint`}>
              <option value="">{t('owner.none')}</option>
              {lead.assigned_to && !team.some((m) => m.id === lead.assigned_to) ? <option value={lead.assigned_to}>{owner}</option> : null}
              {team.map((m) => <option key={m.id} value={m.id}>{`${m.first_name} ${m.last_name}`.trim()}</option>)}
            </select>
            <p id={`${id}-hint`} className="field-hint">{t('owner.hint')}</p>
          </div>
          <div className="leads-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || (choice || null) === lead.assigned_to}>{t('owner.save')}</button>
            {lead.assigned_to ? <button type="button" className="btn" disabled={busy} onClick={() => void save(null)}>{t('owner.unassign')}</button> : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
