import type { RoutingSettings } from '@lotbook/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { showToast } from '../../ui/toast.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { routingApi, type RoutingSummary } from './routing-api.ts';
import './routing.css';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `/routing` (managers): leads per rep, speed to lead and escalations for a period, and the routing rules. Online only. */
export default function RoutingScreen() {
  const { t } = useTranslation('routing');
  usePageTitle(t('title'));
  const { user } = useRequiredSession();
  const online = useOnline();
  const [range, setRange] = useState(() => ({ from: day(new Date(Date.now() - 30 * 86_400_000)), to: day(new Date()) }));
  const [data, setData] = useState<RoutingSummary | null>(null);
  const manager = user.role === 'manager' || user.role === 'admin';
  useEffect(() => {
    if (online && manager) void routingApi.summary(range.from, range.to).then(setData, () => setData(null));
  }, [online, manager, range]);
  if (!manager) return <Navigate to="/leads" replace />;
  const min = (v: number | null) => (v === null ? t('summary.none') : t('summary.minutes', { value: Math.round(v) }));
  return (
    <div className="page routing-page">
      <h1>{t('title')}</h1>
      {!online ? <p className="alert" role="status">{t('needsConnection')}</p> : null}
      <div className="routing-range">
        <label className="field">{t('summary.from')}<input className="input" type="date" value={range.from} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} /></label>
        <label className="field">{t('summary.to')}<input className="input" type="date" value={range.to} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} /></label>
      </div>
      {data ? (
        <>
          <dl className="routing-totals" data-testid="routing-totals">
            <div className="card"><dt>{t('summary.leads')}</dt><dd>{data.totals.leads}</dd></div>
            <div className="card"><dt>{t('summary.routed')}</dt><dd>{data.totals.routed}</dd></div>
            <div className="card"><dt>{t('summary.pool')}</dt><dd>{data.totals.pool}</dd></div>
            <div className="card"><dt>{t('summary.escalations')}</dt><dd>{data.totals.escalations}</dd></div>
            <div className="card"><dt>{t('summary.median')}</dt><dd>{min(data.totals.median_minutes)}</dd></div>
            <div className="card"><dt>{t('summary.p90')}</dt><dd>{min(data.totals.p90_minutes)}</dd></div>
          </dl>
          {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
          <div className="table-scroll" role="region" aria-label={t('summary.rep')} tabIndex={0}>
            <table className="table routing-table">
              <thead><tr><th scope="col">{t('summary.rep')}</th><th scope="col">{t('summary.leads')}</th><th scope="col">{t('summary.median')}</th><th scope="col">{t('summary.p90')}</th><th scope="col">{t('summary.away')}</th><th scope="col">{t('summary.to_them')}</th></tr></thead>
              <tbody>
                {data.reps.map((r) => (
                  <tr key={r.user_id}><th scope="row">{r.name}</th><td>{r.leads}</td><td>{min(r.median_minutes)}</td><td>{min(r.p90_minutes)}</td><td>{r.escalated_away}</td><td>{r.escalated_to}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {online ? <RoutingRules /> : null}
    </div>
  );
}

const FIELDS = [
  ['specialization', (s: RoutingSettings) => s.weights.specialization],
  ['conversion', (s: RoutingSettings) => s.weights.conversion],
  ['per_active_lead', (s: RoutingSettings) => s.weights.per_active_lead],
  ['available', (s: RoutingSettings) => s.weights.available],
  ['hot_threshold', (s: RoutingSettings) => s.hot_threshold],
  ['escalation_minutes', (s: RoutingSettings) => s.escalation_minutes],
] as const;

/** The per-dealership routing rules a manager edits (PUT /api/v1/routing/settings). */
function RoutingRules() {
  const { t } = useTranslation('routing');
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    void routingApi.settings().then((s) => setDraft(Object.fromEntries(FIELDS.map(([k, get]) => [k, String(get(s))]))), () => undefined);
  }, []);
  if (!draft) return null;
  const n = (k: string) => Number(draft[k]);
  async function save() {
    try {
      await routingApi.saveSettings({
        weights: { specialization: n('specialization'), conversion: n('conversion'), per_active_lead: n('per_active_lead'), available: n('available') },
        hot_threshold: n('hot_threshold'),
        escalation_minutes: n('escalation_minutes'),
      });
      setError(false);
      showToast(t('settings.saved'));
    } catch {
      setError(true);
    }
  }
  return (
    <form className="card routing-rules" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h2>{t('settings.title')}</h2>
      {FIELDS.map(([k]) => (
        <label key={k} className="field">{t(`settings.${k}`)}
          <input className="input" type="number" inputMode="numeric" min={0} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
        </label>
      ))}
      {error ? <p className="alert alert-danger" role="alert">{t('settings.error')}</p> : null}
      <button type="submit" className="btn btn-primary">{t('settings.save')}</button>
    </form>
  );
}
