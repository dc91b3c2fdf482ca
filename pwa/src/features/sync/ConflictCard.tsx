import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData } from '../../app/hooks.ts';
import type { ConflictDoc } from '../../db/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { showToast } from '../../ui/toast.tsx';
import { useTeamNames } from '../team/useTeamNames.ts';
import { recommendedChoice } from './conflict-choices.ts';
import { diffVersions, docLabel } from './conflict-diff.ts';
import { ConflictFix } from './ConflictFix.tsx';
import { formatValue, reasonText } from './conflict-format.ts';

/** One conflict: why, both versions side by side, and the two ways out. */
export function ConflictCard({ conflict }: { conflict: ConflictDoc }) {
  const { t } = useTranslation('sync');
  const { db, dbApi } = useData();
  const fmt = useFormat();
  const names = useTeamNames();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const diffs = diffVersions(conflict.mine, conflict.theirs, conflict.fields);
  const label = docLabel(conflict.collection_name, conflict.theirs ?? conflict.mine);
  const collection = t(`collections.${conflict.collection_name}`, { defaultValue: conflict.collection_name });
  const reason = reasonText(conflict, fmt, names, t);

  const recommended = recommendedChoice(conflict);
  const refusedCreate = conflict.theirs === null;

  async function resolve(choice: 'mine' | 'theirs', fixes?: Record<string, unknown>) {
    setBusy(true);
    try {
      await dbApi.resolveConflict(db, conflict.id, choice, fixes);
      showToast(t(fixes ? 'fixedResent' : choice === 'mine' ? 'keptMine' : refusedCreate ? 'discarded' : 'keptTheirs'));
    } catch (err) {
      showToast(t('resolveFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="card conflict-card" aria-labelledby={headingId} data-testid="conflict-card">
      <header className="conflict-head">
        <h2 id={headingId}>{label ?? collection}</h2>
        <span className="badge badge-brand">{collection}</span>
      </header>
      <p className="conflict-reason" data-testid="conflict-reason">{reason}</p>
      <p className="muted conflict-when">
        <time dateTime={conflict.created_at}>{fmt.dateTime(conflict.created_at)}</time>
      </p>
      {conflict.message && conflict.message !== reason ? (
        <details>
          <summary>{t('serverMessage')}</summary>
          <p className="muted">{conflict.message}</p>
        </details>
      ) : null}
      {diffs.length > 0 ? (
        <div className="conflict-table-wrap">
          <table className="conflict-table">
            <caption className="visually-hidden">{t('compareCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('mine')}</th>
                <th scope="col">{conflict.theirs ? t('theirs') : t('theirsMissing')}</th>
              </tr>
            </thead>
            <tbody>
              {diffs.map((d) => (
                <tr key={d.field}>
                  <th scope="row">{t(`fields.${d.field}`, { defaultValue: d.field })}</th>
                  <td>{formatValue(d.field, d.mine, fmt, names, t)}</td>
                  <td>{conflict.theirs ? formatValue(d.field, d.theirs, fmt, names, t) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {conflict.resolved_at ? (
        <p className="badge badge-success">
          {t(conflict.resolution === 'mine' ? 'resolvedMine' : refusedCreate ? 'resolvedDiscarded' : 'resolvedTheirs', { when: fmt.dateTime(conflict.resolved_at) })}
        </p>
      ) : recommended === 'follows' ? (
        <p className="muted" data-testid="conflict-follows">{t('followsParent')}</p>
      ) : (
        <>
          {recommended === 'fix' ? <ConflictFix conflict={conflict} busy={busy} onResend={(fixes) => void resolve('mine', fixes)} /> : null}
          <div className="row conflict-actions">
            {recommended === 'fix' ? null : (
              <button type="button" className={`btn${recommended === 'mine' ? ' btn-primary' : ''}`} disabled={busy} onClick={() => void resolve('mine')}>
                {t('keepMine')}
              </button>
            )}
            <button type="button" className={`btn${recommended === 'theirs' ? ' btn-primary' : ''}`} disabled={busy} onClick={() => void resolve('theirs')}>
              {refusedCreate ? t('discardMine') : t('keepTheirs')}
            </button>
          </div>
        </>
      )}
    </article>
  );
}
