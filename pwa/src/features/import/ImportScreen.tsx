import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { useOnline } from '../../ui/useOnline.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { listImports, uploadAdf, type AdfResult, type ImportRun } from './api.ts';
import { TableImport } from './TableImport.tsx';
import './import.css';

/** Managers: import portal leads (ADF/XML or its email) and CSV/Excel sheets, see the reports and the import log. */
export default function ImportScreen() {
  const { t } = useTranslation('import');
  const fmt = useFormat();
  const online = useOnline();
  usePageTitle(t('title'));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AdfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [runs, setRuns] = useState<ImportRun[] | null>(null);

  const refresh = useCallback(() => {
    if (navigator.onLine) listImports().then(setRuns, () => setRuns([]));
  }, []);
  useEffect(refresh, [refresh, online]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    uploadAdf(file)
      .then((r) => {
        setResult(r);
        refresh();
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };

  const c = result?.import.counts;
  return (
    <div className="page page-narrow">
      <div className="page-header">
        <h1>{t('title')}</h1>
      </div>
      {!online ? (
        <div className="alert alert-warning" role="status"><Icon name="alert" /><span>{t('offline')}</span></div>
      ) : null}
      <section className="card" aria-labelledby="adf-title">
        <h2 id="adf-title">{t('adf.title')}</h2>
        <p>{t('adf.hint')}</p>
        <form className="import-drop" onSubmit={submit}>
          <label htmlFor="adf-file">{t('adf.file')}</label>
          <input id="adf-file" type="file" accept=".xml,.eml,.txt,application/xml,text/xml,message/rfc822" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <button type="submit" className="btn btn-primary" disabled={!online || !file || busy} data-testid="adf-upload">
            {busy ? t('adf.uploading') : t('adf.upload')}
          </button>
        </form>
        {busy ? <progress aria-label={t('adf.uploading')} /> : null}
        {error ? <div className="alert alert-danger" role="alert"><Icon name="alert" /><span>{t('adf.failed', { message: error })}</span></div> : null}
        {result && c ? (
          <div data-testid="adf-result">
            <p role="status">
              {result.unchanged ? t('adf.unchanged') : t('adf.summary', { created: c.created ?? 0, merged: c.merged ?? 0, duplicate: c.duplicate ?? 0, skipped: c.skipped ?? 0 })}
            </p>
            <div className="import-table-wrap">
              <table className="import-report">
                <caption className="visually-hidden">{t('report.caption')}</caption>
                <thead>
                  <tr><th scope="col">{t('report.row')}</th><th scope="col">{t('report.name')}</th><th scope="col">{t('report.status')}</th><th scope="col">{t('report.reason')}</th></tr>
                </thead>
                <tbody>
                  {result.prospects.map((p) => (
                    <tr key={p.index} data-status={p.status}>
                      <td>{p.index + 1}</td>
                      <td>{p.name || '—'}</td>
                      <td>{t(`report.${p.status}`)}</td>
                      <td>{[p.reason, ...(p.warnings ?? [])].filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </section>
      <TableImport online={online} />
      <section className="card" aria-labelledby="log-title">
        <h2 id="log-title">{t('log.title')}</h2>
        {runs === null ? null : runs.length === 0 ? <p>{t('log.empty')}</p> : (
          <div className="import-table-wrap">
            <table className="import-report" data-testid="import-log">
              <thead>
                <tr><th scope="col">{t('log.when')}</th><th scope="col">{t('log.file')}</th><th scope="col">{t('log.counts')}</th></tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{fmt.dateTime(r.created_at)}</td>
                    <td>{r.file_name ?? r.kind}</td>
                    <td>
                      {r.kind === 'adf'
                        ? t('adf.summary', { created: r.counts.created ?? 0, merged: r.counts.merged ?? 0, duplicate: r.counts.duplicate ?? 0, skipped: r.counts.skipped ?? 0 })
                        : t('table.done', { created: r.counts.created ?? 0, updated: r.counts.updated ?? 0, unchanged: r.counts.unchanged ?? 0, invalid: r.counts.invalid ?? 0 })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
