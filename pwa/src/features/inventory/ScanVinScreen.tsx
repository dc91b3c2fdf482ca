import { normalizeVin, validateVin } from '@lotbook/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useRequiredSession } from '../../app/hooks.ts';
import { Icon } from '../../ui/icons.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { canEditInventory } from './permissions.ts';
import { canScanBarcodes } from './scanner.ts';
import { useInventory } from './useInventory.ts';
import { VinScanner } from './VinScanner.tsx';
import './form.css';

/** "Scan VIN" (also a manifest shortcut): find the car on the lot, or offer to add it. */
export default function ScanVinScreen() {
  const { t } = useTranslation('inventory');
  const id = useId();
  const navigate = useNavigate();
  const { user } = useRequiredSession();
  const { model, snapshot } = useInventory();
  const [vin, setVin] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [scanning, setScanning] = useState(canScanBarcodes());
  usePageTitle(t('scanVin'));

  function lookup(raw: string) {
    const v = normalizeVin(raw);
    setVin(v);
    const found = model.findByVin(v);
    if (found) void navigate(`/inventory/${found.v.id}`);
    else setMissing(v);
  }

  const check = vin.length >= 17 ? validateVin(vin) : null;
  return (
    <div className="page page-narrow stack">
      <div className="page-header">
        <Link to="/inventory" className="btn btn-ghost btn-icon" aria-label={t('backToInventory')}><Icon name="back" /></Link>
        <h1>{t('scanVin')}</h1>
      </div>
      {scanning && snapshot.ready ? (
        <VinScanner onVin={(v) => { setScanning(false); lookup(v); }} />
      ) : null}
      {!canScanBarcodes() ? <p className="alert alert-info"><Icon name="info" /><span>{t('scan.unsupported')}</span></p> : null}
      <form className="stack" onSubmit={(e: FormEvent) => { e.preventDefault(); lookup(vin); }}>
        <div className="field">
          <label htmlFor={id}>{t('spec.vin')}</label>
          <input id={id} className="input mono" value={vin} onChange={(e) => { setVin(e.target.value.toUpperCase()); setMissing(null); }} maxLength={24} autoCapitalize="characters" autoComplete="off" spellCheck={false} />
          {check && !check.ok ? <p className="field-error">{t(`vin.${check.errors[0]?.code ?? 'vin_length'}`)}</p> : null}
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!snapshot.ready || normalizeVin(vin).length < 17}>
            <Icon name="search" />
            {t('scan.find')}
          </button>
          {canScanBarcodes() && !scanning ? (
            <button type="button" className="btn" onClick={() => setScanning(true)}><Icon name="camera" />{t('scan.again')}</button>
          ) : null}
        </div>
      </form>
      {missing ? (
        <div className="alert alert-warning" role="status">
          <Icon name="info" />
          <div className="stack">
            <span>{t('scan.notInInventory', { vin: missing })}</span>
            {canEditInventory(user.role) ? (
              <Link className="btn btn-primary" to={`/inventory/new?vin=${encodeURIComponent(missing)}`}><Icon name="plus" />{t('scan.addIt')}</Link>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
