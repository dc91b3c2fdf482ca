import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import { commitTable, importProgress, previewTable, type ServerProgress, type TableEntity, type TablePreview, type TableResult } from './api.ts';

/** CSV/Excel import: upload → column mapping (server's guesses) with the validation report → confirm. */
export function TableImport({ online }: { online: boolean }) {
  const { t } = useTranslation('import');
  const [entity, setEntity] = useState<TableEntity>('vehicles');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<TablePreview | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [result, setResult] = useState<TableResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While a confirmed import runs: its id, and what the server last said about it.
  const [running, setRunning] = useState<string | null>(null);
  const [server, setServer] = useState<ServerProgress | null>(null);

  // Once the upload is through, poll the server's progress every second until the answer arrives.
  const uploaded = progress !== null && progress >= 1;
  useEffect(() => {
    if (!running || !uploaded) return;
    let stop = false;
    const tick = () => {
      importProgress(running)
        .then((p) => !stop && p && setServer(p))
        .catch(() => undefined);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [running, uploaded]);

  const run = <T,>(p: (onProgress: (f: number) => void) => Promise<T>, then: (v: T) => void) => {
    setProgress(0);
    setError(null);
    p(setProgress)
      .then(then, (err: Error) => setError(err.message))
      .finally(() => setProgress(null));
  };
  const check = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    run((on) => previewTable(entity, file, preview ? mapping : null, on), (p) => {
      setPreview(p);
      setMapping(p.mapping);
    });
  };
  const confirm = () => {
    if (!file) return;
    const id = crypto.randomUUID();
    setRunning(id);
    setServer(null);
    run(
      (on) => commitTable(entity, file, mapping, on, id).finally(() => setRunning(null)),
      setResult,
    );
  };

  return (
    <section className="card" aria-labelledby="table-title">
      <h2 id="table-title">{t('table.title')}</h2>
      <p>{t('table.hint')}</p>
      <form className="import-drop" onSubmit={check}>
        <label htmlFor="table-entity">{t('table.entity')}</label>
        <select id="table-entity" className="select" value={entity} onChange={(e) => { setEntity(e.target.value as TableEntity); setPreview(null); setResult(null); }}>
          <option value="vehicles">{t('table.vehicles')}</option>
          <option value="customers">{t('table.customers')}</option>
          <option value="leads">{t('table.leads')}</option>
        </select>
        <label htmlFor="table-file">{t('table.file')}</label>
        <input id="table-file" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); setResult(null); }} />
        <button type="submit" className="btn" disabled={!online || !file || progress !== null} data-testid="table-preview">{t('table.preview')}</button>
      </form>
      {progress !== null ? <ImportProgress upload={progress} server={running ? server : null} /> : null}
      {error ? <div className="alert alert-danger" role="alert"><Icon name="alert" /><span>{t('adf.failed', { message: error })}</span></div> : null}
      {preview && !result ? (
        <div data-testid="table-report">
          <p role="status">{t('table.summary', { total: preview.total, valid: preview.valid, invalid: preview.invalid })}</p>
          <div className="import-table-wrap">
            <table className="import-report">
              <caption>{t('table.mapping')}</caption>
              <tbody>
                {preview.headers.map((h, i) => (
                  <tr key={`${h}-${i}`}>
                    <th scope="row"><label htmlFor={`map-${i}`}>{h}</label></th>
                    <td>
                      <select id={`map-${i}`} className="select" value={mapping[i] ?? ''} onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? e.target.value || null : m)))}>
                        <option value="">{t('table.ignore')}</option>
                        {preview.fields.map((f) => <option key={f} value={f}>{f}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.errors.length ? (
            <ul className="import-errors">
              {preview.errors.slice(0, 50).map((e) => <li key={`${e.row}-${e.field}`}>{t('table.rowError', { row: e.row, field: e.field, message: e.message })}</li>)}
            </ul>
          ) : null}
          <button type="button" className="btn btn-primary" disabled={!online || progress !== null || preview.valid === 0} onClick={confirm} data-testid="table-confirm">
            {t('table.confirm', { count: preview.valid })}
          </button>
        </div>
      ) : null}
      {result ? (
        <p role="status" data-testid="table-result">
          {result.unchanged ? t('adf.unchanged') : t('table.done', { created: result.counts.created, updated: result.counts.updated, unchanged: result.counts.unchanged, invalid: result.counts.invalid })}
        </p>
      ) : null}
    </section>
  );
}

/** Upload progress, then (for a confirmed import) the server's: checking the rows, then rows applied. */
function ImportProgress({ upload, server }: { upload: number; server: ServerProgress | null }) {
  const { t } = useTranslation('import');
  if (server && server.phase === 'applying' && server.total) {
    return (
      <div className="import-progress" data-testid="import-progress">
        <progress max={server.total} value={server.done} aria-label={t('table.serverProgress')} />
        <p role="status">{t('table.applying', { done: server.done, total: server.total })}</p>
      </div>
    );
  }
  if (upload >= 1) {
    return (
      <div className="import-progress" data-testid="import-progress">
        <progress aria-label={t('table.serverProgress')} />
        <p role="status">{t('table.checking')}</p>
      </div>
    );
  }
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress max={1} value={upload} aria-label={t('table.progress')} />
      <p role="status">{t('table.uploading', { percent: Math.round(upload * 100) })}</p>
    </div>
  );
}
