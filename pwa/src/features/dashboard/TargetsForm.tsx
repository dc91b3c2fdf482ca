import type { TeamMember } from '@lotbook/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { useData, useObservable, useRequiredSession } from '../../app/hooks.ts';
import { api } from '../../app/runtime.ts';
import { ApiFailure } from '../../auth/api-failure.ts';
import { useFormat } from '../../i18n/format.ts';
import { NumberField, toCanonical } from '../../ui/NumberInput.tsx';
import { currentMonth, serverFieldErrors, targetsFromDraft, type Errors, type TargetDraft, type TargetRow } from './plan-targets.ts';

const NO_REPS: readonly TeamMember[] = [];

/** This month's unit and revenue targets per salesperson (the device's team list, the server's targets). */
export function TargetsForm({ onSaved }: { onSaved(): void }) {
  const { t } = useTranslation('dashboard');
  const { db } = useData();
  const { dealership } = useRequiredSession();
  const month = currentMonth(dealership?.timezone);
  const { locale } = useFormat();
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, mon - 1, 15));
  const reps$ = useMemo(() => db.team.find().$.pipe(map((docs) => docs
    .map((d) => d.toJSON() as TeamMember)
    .filter((m) => m.role === 'sales' && m.is_active)
    .toSorted((a, b) => `${a.first_name} ${a.last_name}`.localeCompare(`${b.first_name} ${b.last_name}`)))), [db]);
  const reps = useObservable(reps$, NO_REPS);
  const [saved, setSaved] = useState<Map<string, TargetRow> | null>(null);
  const [edits, setEdits] = useState<Record<string, Partial<TargetDraft>>>({});
  const [errors, setErrors] = useState<Errors<string>>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed' | 'loadFailed'>('idle');

  useEffect(() => {
    let live = true;
    api.get<{ targets: TargetRow[] }>(`/api/v1/analytics/targets?month=${month}`)
      .then((r) => live && setSaved(new Map(r.targets.map((x) => [x.user_id, x]))))
      .catch(() => live && setState('loadFailed'));
    return () => { live = false; };
  }, [month]);

  if (!saved) return state === 'loadFailed' ? <p className="alert alert-danger" role="alert">{t('plan.loadFailed')}</p> : <p className="muted">{t('plan.loading')}</p>;
  const rows: TargetDraft[] = reps.map((r) => ({
    user_id: r.id,
    units: edits[r.id]?.units ?? toCanonical(saved.get(r.id)?.units ?? null),
    revenue: edits[r.id]?.revenue ?? toCanonical(saved.get(r.id)?.revenue ?? null),
  }));
  const edit = (id: string, patch: Partial<TargetDraft>) => {
    setEdits((e) => ({ ...e, [id]: { ...e[id], ...patch } }));
    setState('idle');
  };
  const msg = (key: string) => (errors[key] ? t(`plan.errors.${errors[key]}`) : null);

  const save = () => {
    const r = targetsFromDraft(rows);
    if ('errors' in r) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    setState('saving');
    api.put('/api/v1/analytics/targets', { month, targets: r.targets })
      .then(() => {
        setSaved(new Map(r.targets.map((x) => [x.user_id, x])));
        setEdits({});
        setState('saved');
        onSaved();
      })
      .catch((e: unknown) => {
        if (e instanceof ApiFailure && e.status === 400) setErrors(serverFieldErrors(e.details, rows.map((x) => x.user_id)));
        setState('failed');
      });
  };

  return (
    <form className="dash-plan-form" aria-labelledby="dash-targets-title" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h3 id="dash-targets-title">{t('plan.targets', { month: monthName })}</h3>
      {reps.length === 0 ? <p className="muted">{t('plan.noReps')}</p> : null}
      {reps.map((rep, i) => {
        const row = rows[i] as TargetDraft;
        const name = `${rep.first_name} ${rep.last_name}`.trim();
        return (
          <fieldset key={rep.id} className="dash-plan-rep" data-testid={`target-${rep.id}`}>
            <legend>{name}</legend>
            <div className="dash-plan-fields">
              <NumberField label={t('plan.units')} maxDecimals={0} value={row.units} onValueChange={(v) => edit(rep.id, { units: v })} error={msg(`${rep.id}.units`)} />
              <NumberField label={t('plan.revenue')} value={row.revenue} onValueChange={(v) => edit(rep.id, { revenue: v })} error={msg(`${rep.id}.revenue`)} />
            </div>
          </fieldset>
        );
      })}
      <div className="dash-plan-actions">
        <button type="submit" className="btn btn-primary" disabled={state === 'saving' || reps.length === 0}>{t('plan.saveTargets')}</button>
        <span role="status">{state === 'saved' ? t('plan.saved') : state === 'failed' ? t('plan.saveFailed') : ''}</span>
      </div>
    </form>
  );
}
