import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/runtime.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import { NumberField, toCanonical } from '../../ui/NumberInput.tsx';
import { planFromDraft, serverFieldErrors, type CommissionPlan, type CommissionType, type Errors, type PlanDraft } from './plan-targets.ts';

const TYPES: readonly CommissionType[] = ['percent_of_gross', 'flat_per_unit'];

/** The dealership's commission plan: % of front gross or a flat amount per unit, optional minimum. */
export function CommissionForm({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation('dashboard');
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [errors, setErrors] = useState<Errors<'value' | 'minimum'>>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed' | 'loadFailed'>('idle');

  useEffect(() => {
    let live = true;
    api.get<{ commission: CommissionPlan | null }>('/api/v1/analytics/commission')
      .then(({ commission: p }) => {
        if (live) setDraft({ type: p?.type ?? 'percent_of_gross', value: toCanonical(p?.value ?? null), minimum: toCanonical(p?.minimum_per_unit ?? null) });
      })
      .catch(() => live && setState('loadFailed'));
    return () => { live = false; };
  }, []);

  if (!draft) return state === 'loadFailed' ? <p className="alert alert-danger" role="alert">{t('plan.loadFailed')}</p> : <p className="muted">{t('plan.loading')}</p>;
  const set = (patch: Partial<PlanDraft>) => {
    setDraft({ ...draft, ...patch });
    setState('idle');
  };
  const msg = (k: 'value' | 'minimum') => (errors[k] ? t(`plan.errors.${errors[k]}`) : null);

  const save = () => {
    const r = planFromDraft(draft);
    if ('errors' in r) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    setState('saving');
    api.put('/api/v1/analytics/commission', r.plan)
      .then(() => { setState('saved'); onSaved(); })
      .catch((e: unknown) => {
        if (e instanceof ApiFailure && e.status === 400) setErrors(serverFieldErrors(e.details));
        setState('failed');
      });
  };

  return (
    <form className="dash-plan-form" aria-labelledby="dash-commission-title" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h3 id="dash-commission-title">{t('plan.commission')}</h3>
      <fieldset className="switch-group">
        <legend className="field-label">{t('plan.type')}</legend>
        <div className="segmented">
          {TYPES.map((ty) => (
            <label key={ty}>
              <input type="radio" name="commission-type" value={ty} checked={draft.type === ty} onChange={() => set({ type: ty })} />
              <span>{t(`plan.types.${ty}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="dash-plan-fields">
        <NumberField
          label={draft.type === 'percent_of_gross' ? t('plan.percent') : t('plan.flat')}
          value={draft.value}
          onValueChange={(v) => set({ value: v })}
          error={msg('value')}
          required
        />
        <NumberField label={t('plan.minimum')} hint={t('plan.minimumHint')} value={draft.minimum} onValueChange={(v) => set({ minimum: v })} error={msg('minimum')} />
      </div>
      <div className="dash-plan-actions">
        <button type="submit" className="btn btn-primary" disabled={state === 'saving'}>{t('plan.saveCommission')}</button>
        <span role="status">{state === 'saved' ? t('plan.saved') : state === 'failed' ? t('plan.saveFailed') : ''}</span>
      </div>
    </form>
  );
}
