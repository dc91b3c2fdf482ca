import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import { PageSpinner } from '../../ui/PageSpinner.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { ConflictCard } from './ConflictCard.tsx';
import { useConflicts } from './useConflicts.ts';
import './conflicts.css';

const RESOLVED_SHOWN = 20;

/** The inbox of writes that did not apply as made offline: nothing is lost, the user decides. */
export default function ConflictInboxScreen() {
  const { t } = useTranslation('sync');
  usePageTitle(t('inboxTitle'));
  const conflicts = useConflicts();
  if (conflicts === null) return <PageSpinner />;
  const open = conflicts.filter((c) => c.resolved_at === null);
  const resolved = conflicts.filter((c) => c.resolved_at !== null).slice(0, RESOLVED_SHOWN);
  return (
    <div className="page page-narrow stack">
      <div className="page-header">
        <h1>{t('inboxTitle')}</h1>
        {open.length > 0 ? <span className="badge badge-danger">{t('conflictCount', { count: open.length })}</span> : null}
      </div>
      <p className="muted">{t('inboxIntro')}</p>
      {open.length === 0 ? (
        <div className="empty" data-testid="conflicts-empty">
          <Icon name="check" />
          <p>{t(conflicts.length > 0 ? 'inboxEmptyResolved' : 'inboxEmpty')}</p>
        </div>
      ) : (
        open.map((c) => <ConflictCard key={c.id} conflict={c} />)
      )}
      {resolved.length > 0 ? (
        <details className="resolved-list">
          <summary>{t('resolvedTitle', { count: resolved.length })}</summary>
          <div className="stack">
            {resolved.map((c) => <ConflictCard key={c.id} conflict={c} />)}
          </div>
        </details>
      ) : null}
    </div>
  );
}
