import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@lotbook/shared';
import { formatIntervals, parseDateList, parseIntervals, WEEKDAYS, type Hours, type Member, type MemberInput } from './team-api.ts';

/** Create or edit a team member: name, email (new only), phone, role, specializations, weekly hours, days off. */
export function MemberForm({ initial, roles, busy, onSubmit, onCancel }: { initial?: Member; roles: readonly Role[]; busy: boolean; onSubmit: (m: MemberInput) => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const [f, setF] = useState({
    first_name: initial?.first_name ?? '',
    last_name: initial?.last_name ?? '',
    email: initial?.email ?? '',
    phone: initial?.phone ?? '',
    role: initial?.role ?? ('sales' as Role),
    specializations: (initial?.specializations ?? []).join(', '),
  });
  const [hours, setHours] = useState<Record<string, string>>(() => Object.fromEntries(WEEKDAYS.map((d) => [d, formatIntervals(initial?.working_hours[d])])));
  const [badDay, setBadDay] = useState<string | null>(null);
  const [daysOff, setDaysOff] = useState((initial?.days_off ?? []).join(', '));
  const [badDaysOff, setBadDaysOff] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((v) => ({ ...v, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const working_hours: Hours = {};
    for (const d of WEEKDAYS) {
      const iv = parseIntervals(hours[d] ?? '');
      if (!iv) return setBadDay(d);
      if (iv.length) working_hours[d] = iv;
    }
    setBadDay(null);
    const days_off = parseDateList(daysOff);
    setBadDaysOff(!days_off);
    if (!days_off) return;
    onSubmit({
      first_name: f.first_name.trim(),
      last_name: f.last_name.trim(),
      phone: f.phone.trim() || null,
      role: f.role,
      specializations: f.specializations.split(',').map((s) => s.trim()).filter(Boolean),
      working_hours,
      days_off,
      ...(initial ? {} : { email: f.email.trim() }),
    });
  }

  const input = (k: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} className="input" value={f[k]} onChange={set(k)} {...props} />
    </div>
  );

  return (
    <form className="stack" onSubmit={submit} data-testid="member-form">
      {input('first_name', t('firstName'), { required: true, maxLength: 80 })}
      {input('last_name', t('lastName'), { maxLength: 80 })}
      {initial ? null : input('email', t('email'), { required: true, type: 'email', inputMode: 'email', autoComplete: 'off' })}
      {input('phone', t('team.phone'), { type: 'tel', maxLength: 20 })}
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('team.role')}</label>
        <select id={`${id}-role`} className="input" value={f.role} onChange={set('role')}>
          {roles.map((r) => <option key={r} value={r}>{t(`common:roles.${r}`)}</option>)}
        </select>
      </div>
      {input('specializations', t('team.specializations'), { placeholder: 'suv, Toyota' })}
      <fieldset className="stack">
        <legend>{t('team.hours')}</legend>
        <p className="muted">{t('team.hoursHint')}</p>
        {WEEKDAYS.map((d) => (
          <div className="field" key={d}>
            <label htmlFor={`${id}-h${d}`}>{t(`weekdays.${d}`)}</label>
            <input id={`${id}-h${d}`} className="input" value={hours[d] ?? ''} placeholder="09:00-14:00, 16:00-20:00" aria-invalid={badDay === d} aria-describedby={badDay === d ? `${id}-hours-err` : undefined} onChange={(e) => setHours((h) => ({ ...h, [d]: e.target.value }))} />
            {badDay === d ? <p className="field-error" id={`${id}-hours-err`} role="alert">{t('team.hoursInvalid')}</p> : null}
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-off`}>{t('team.daysOff')}</label>
        <input id={`${id}-off`} className="input" value={daysOff} placeholder="2026-12-24, 2026-12-31" aria-invalid={badDaysOff} aria-describedby={badDaysOff ? `${id}-off-err` : undefined} onChange={(e) => setDaysOff(e.target.value)} />
        {badDaysOff ? <p className="field-error" id={`${id}-off-err`} role="alert">{t('team.daysOffInvalid')}</p> : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={busy}>{t('save')}</button>
      </div>
    </form>
  );
}
