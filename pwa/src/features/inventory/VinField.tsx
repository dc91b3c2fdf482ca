import { normalizeVin, validateVin, type VinDecoded } from '@lotbook/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { Icon } from '../../ui/icons.tsx';
import { canScanBarcodes } from './scanner.ts';
import type { FormMessage } from './vehicle-form.ts';
import { VinScanner } from './VinScanner.tsx';

export interface VinFieldProps {
  value: string;
  onChange: (vin: string, decoded: VinDecoded | null) => void;
  /** The blocking error from the last submit, if any. */
  error?: FormMessage | undefined;
  autoScan?: boolean;
}

/**
 * VIN input with live ISO 3779 checks: errors block saving, warnings (a European VIN without a
 * valid check digit) are only shown. Decodes the model year and manufacturer, and scans the
 * barcode with the camera where the browser has a BarcodeDetector.
 */
export function VinField({ value, onChange, error, autoScan = false }: VinFieldProps) {
  const { t } = useTranslation('inventory');
  const id = useId();
  const scannable = canScanBarcodes();
  const [scanning, setScanning] = useState(autoScan && scannable);
  const check = useMemo(() => (value.trim() === '' ? null : validateVin(value)), [value]);
  const complete = normalizeVin(value).length >= 17;
  const liveError: FormMessage | undefined = complete && check && !check.ok ? { key: `vin.${check.errors[0]?.code ?? 'vin_length'}` } : undefined;
  const shown = error ?? liveError;
  const decoded = check?.decoded ?? null;

  const change = (raw: string) => {
    const next = raw.toUpperCase();
    const c = validateVin(next);
    onChange(next, c.ok || c.errors.length === 0 ? c.decoded : null);
  };

  return (
    <div className="field vin-field">
      <label htmlFor={id}>{t('spec.vin')}</label>
      <div className="row vin-row">
        <input
          id={id}
          className="input mono"
          value={value}
          onChange={(e) => change(e.target.value)}
          maxLength={24}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={shown ? true : undefined}
          aria-describedby={`${id}-help`}
        />
        {scannable ? (
          <button type="button" className="btn" onClick={() => setScanning(true)}>
            <Icon name="camera" />
            {t('scan.button')}
          </button>
        ) : null}
      </div>
      <div id={`${id}-help`} aria-live="polite">
        {shown ? <p className="field-error">{t(shown.key, shown.values)}</p> : null}
        {check?.warnings.map((w) => (
          <p key={w.code} className="field-warning">{t(`vinWarning.${w.code}`, { defaultValue: w.message })}</p>
        ))}
        {decoded && check?.errors.length === 0 ? (
          <p className="field-hint" data-testid="vin-decoded">
            {[
              decoded.modelYear ? t('vinDecoded.year', { year: decoded.modelYear }) : null,
              decoded.manufacturer,
              decoded.country,
            ].filter(Boolean).join(' · ')}
          </p>
        ) : !shown ? (
          <p className="field-hint">{scannable ? t('vinHintScan') : t('vinHint')}</p>
        ) : null}
      </div>
      <Dialog open={scanning} onClose={() => setScanning(false)} title={t('scan.title')} sheet>
        {scanning ? (
          <VinScanner
            onVin={(vin) => {
              change(vin);
              setScanning(false);
            }}
          />
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setScanning(false)}>{t('common:cancel')}</button>
        </div>
      </Dialog>
    </div>
  );
}
