import type { Vehicle } from '@lotbook/shared';
import { useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { searchTokens } from '../inventory/fold.ts';
import { useInventory } from '../inventory/useInventory.ts';
import { toLocalInput, type TestDriveInput } from './test-drive.ts';

const SHOWN = 6;

/** Asks which car (from the cars in stock) and when, before a test drive is logged. */
export function TestDriveDialog({ open, onClose, onSave }: { open: boolean; onClose: () => void; onSave: (input: TestDriveInput) => Promise<void> }) {
  const { t } = useTranslation('leads');
  const fmt = useFormat();
  const searchId = useId();
  const whenId = useId();
  const { snapshot } = useInventory();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Vehicle | null>(null);
  const [when, setWhen] = useState(() => toLocalInput(new Date()));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useDeferredValue(text);
  const matches = useMemo(() => {
    const tokens = searchTokens(q);
    const out: Vehicle[] = [];
    for (const i of snapshot.items) {
      if (i.v.status === 'sold') continue;
      if (tokens.every((tk) => i.search.includes(tk))) out.push(i.v);
      if (out.length >= SHOWN) break;
    }
    return out;
  }, [snapshot.items, q]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const at = new Date(when);
    if (!picked) return setError(t('testDrive.pickCar'));
    if (Number.isNaN(at.getTime())) return setError(t('testDrive.pickTime'));
    setBusy(true);
    try {
      await onSave({ vehicle: picked, at: at.toISOString() });
      setPicked(null);
      setText('');
      setError(null);
    } finally {
      setBusy(false);
    }
    return undefined;
  }

  return (
    <Dialog open={open} onClose={onClose} title={t('testDrive.title')} sheet testId="test-drive-dialog">
      <form className="stack lead-dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        {picked ? (
          <div className="lead-picked" data-testid="test-drive-car">
            <span><strong>{picked.make} {picked.model} {picked.year}</strong> <span className="muted">{picked.stock_number}</span></span>
            <button type="button" className="btn btn-sm" onClick={() => setPicked(null)}>{t('testDrive.change')}</button>
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor={searchId}>{t('testDrive.car')}</label>
              <input id={searchId} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('testDrive.search')} autoComplete="off" />
            </div>
            {!snapshot.ready ? <p className="muted">{t('testDrive.loading')}</p> : matches.length === 0 ? <p className="muted">{t('testDrive.none')}</p> : (
              <ul className="lead-options" aria-label={t('testDrive.car')}>
                {matches.map((v) => (
                  <li key={v.id}>
                    <button type="button" className="btn lead-option" onClick={() => { setPicked(v); setError(null); }}>
                      <span><strong>{v.make} {v.model} {v.year}</strong> <span className="muted">{v.stock_number}</span></span>
                      <span>{fmt.money(v.is_promotion && v.promo_price !== null ? v.promo_price : v.price)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <div className="field">
          <label htmlFor={whenId}>{t('testDrive.when')}</label>
          <input id={whenId} className="input" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
        </div>
        {error ? <p className="alert alert-danger" role="alert">{error}</p> : null}
        <div className="lead-dialog-actions">
          <button type="button" className="btn" onClick={onClose}>{t('common:cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{t('testDrive.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
