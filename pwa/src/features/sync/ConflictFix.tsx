import { documentErrors, type PushableCollection } from '@lotbook/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictDoc } from '../../db/index.ts';
import { FieldMessage } from '../../ui/FieldMessage.tsx';
import { fieldErrorText, invalidProps } from '../../ui/field-errors.ts';
import { fixableErrors, parseFix } from './conflict-choices.ts';

const show = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * "Fix and resend" for a write the server refused as invalid: one input per refused field, checked
 * with the same shared rules as the server while typing; resend is offered once they all pass.
 */
export function ConflictFix({ conflict, busy, onResend }: { conflict: ConflictDoc; busy: boolean; onResend: (fixes: Record<string, unknown>) => void }) {
  const { t } = useTranslation('sync');
  const [fields] = useState(() => fixableErrors(conflict).map((e) => e.field));
  const [typed, setTyped] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f, show(conflict.mine[f])])));
  const fixes = Object.fromEntries(fields.map((f) => [f, parseFix(conflict.mine[f], typed[f] ?? '')]));
  const errors = documentErrors(conflict.collection_name as PushableCollection, { ...conflict.mine, ...fixes });
  const errorOf = (f: string) => errors.find((e) => e.field === f);
  const stillWrong = errors.length > 0;
  return (
    <form
      className="stack conflict-fix"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!stillWrong) onResend(fixes);
      }}
    >
      <p className="muted">{t('fixIntro')}</p>
      {fields.map((f) => {
        const id = `fix-${conflict.id}-${f}`;
        const err = errorOf(f);
        return (
          <div className="field" key={f}>
            <label htmlFor={id}>{t(`fields.${f}`, { defaultValue: f })}</label>
            <input id={id} className="input" value={typed[f] ?? ''} onChange={(e) => setTyped({ ...typed, [f]: e.target.value })} {...invalidProps(id, err)} />
            <FieldMessage id={id} text={err ? fieldErrorText(err, t) : null} />
          </div>
        );
      })}
      {stillWrong && errors.some((e) => !fields.includes(e.field)) ? <p className="field-error">{errors.filter((e) => !fields.includes(e.field)).map((e) => fieldErrorText(e, t)).join(' ')}</p> : null}
      <button type="submit" className="btn btn-primary" disabled={busy || stillWrong}>{t('fixResend')}</button>
    </form>
  );
}
