import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { CommissionForm } from './CommissionForm.tsx';
import { TargetsForm } from './TargetsForm.tsx';

/** Managers and admins: the commission plan and this month's targets per rep. Online only. */
export function PlanTargets({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation('dashboard');
  const online = useOnline();
  return (
    <section className="card dash-plan" aria-labelledby="dash-plan-title" data-testid="plan-targets">
      <h2 id="dash-plan-title">{t('plan.title')}</h2>
      {online ? (
        <>
          <CommissionForm onSaved={onSaved} />
          <TargetsForm onSaved={onSaved} />
        </>
      ) : (
        <div className="alert alert-warning"><Icon name="cloudOff" /><span>{t('plan.offline')}</span></div>
      )}
    </section>
  );
}
