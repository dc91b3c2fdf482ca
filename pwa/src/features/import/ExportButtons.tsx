import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../../ui/useOnline.ts';
import { downloadExport, type ExportEntity } from './api.ts';

/** "CSV" and "Excel" download buttons for a list screen; online only, and it says so offline. */
export function ExportButtons({ entity, params = {} }: { entity: ExportEntity; params?: Record<string, string> }) {
  const { t } = useTranslation('import');
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setFailed(false);
    downloadExport(entity, format, params)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <div className="export-buttons" role="group" aria-label={t('export.label')}>
      <button type="button" className="btn" disabled={!online || busy} onClick={() => run('csv')} data-testid={`export-${entity}-csv`}>
        {t('export.csv')}
      </button>
      <button type="button" className="btn" disabled={!online || busy} onClick={() => run('xlsx')} data-testid={`export-${entity}-xlsx`}>
        {t('export.xlsx')}
      </button>
      {!online ? <span className="export-note">{t('export.offline')}</span> : null}
      {failed ? <span className="export-note" role="alert">{t('export.failed')}</span> : null}
    </div>
  );
}
