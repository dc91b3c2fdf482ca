import { BASE_URL, sessionStore } from '../../app/runtime.ts';
import { authedFetch, endIfRevokedBody } from '../../auth/authed-fetch.ts';

/** An authenticated call to the server (online only): authedFetch (refresh once; a revoked session ends). */
export function authed(path: string, init: RequestInit = {}): Promise<Response> {
  return authedFetch(sessionStore, `${BASE_URL}${path}`, init);
}

export type ExportEntity = 'inventory' | 'leads' | 'customers' | 'sales';

/** Downloads a streamed export (CSV or Excel) with the screen's filters. */
export async function downloadExport(entity: ExportEntity, format: 'csv' | 'xlsx', params: Record<string, string>): Promise<void> {
  const qs = new URLSearchParams({ ...params, format });
  const res = await authed(`/api/v1/exports/${entity}?${qs}`);
  if (!res.ok) throw new Error(`export ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = `lotbook-${entity}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export interface ProspectReport {
  index: number;
  prospect_id: string | null;
  name: string;
  status: 'created' | 'merged' | 'duplicate' | 'skipped';
  reason?: string;
  warnings?: string[];
}
export interface ImportRun {
  id: string;
  kind: string;
  file_name: string | null;
  created_at: string;
  counts: Record<string, number>;
  same_file_imported_at?: string | null;
}
export interface AdfResult {
  import: ImportRun;
  unchanged: boolean;
  prospects: ProspectReport[];
}

/** Sends an ADF file (.xml or .eml) to the server; the error message of a 4xx is returned as text. */
export async function uploadAdf(file: File): Promise<AdfResult> {
  const form = new FormData();
  form.set('file', file);
  const res = await authed('/api/v1/leads/import/adf', { method: 'POST', body: form });
  const body = (await res.json().catch(() => ({}))) as AdfResult & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

export async function listImports(): Promise<ImportRun[]> {
  const res = await authed('/api/v1/imports');
  if (!res.ok) throw new Error(`imports ${res.status}`);
  return ((await res.json()) as { imports: ImportRun[] }).imports;
}

export type TableEntity = 'vehicles' | 'customers' | 'leads';
export interface TablePreview {
  encoding: string;
  headers: string[];
  mapping: (string | null)[];
  fields: string[];
  total: number;
  valid: number;
  invalid: number;
  errors: { row: number; field: string; message: string }[];
}
export interface TableResult {
  unchanged: boolean;
  counts: { total: number; created: number; updated: number; unchanged: number; invalid: number };
}

/** Uploads the sheet with progress (XMLHttpRequest reports upload progress; fetch does not). */
function send<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE_URL}${path}`);
    const token = sessionStore.get()?.access_token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener('load', () => {
      let body: { message?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(endIfRevokedBody(sessionStore, xhr.status, body) ?? new Error(body.message ?? `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new Error('network')));
    xhr.send(form);
  });
}

function tableForm(file: File, mapping: (string | null)[] | null, skipInvalid = false, progressId?: string): FormData {
  const form = new FormData();
  if (progressId) form.set('progress_id', progressId);
  form.set('file', file);
  if (mapping) form.set('mapping', JSON.stringify(mapping));
  if (skipInvalid) form.set('skip_invalid', 'true');
  return form;
}

export const previewTable = (entity: TableEntity, file: File, mapping: (string | null)[] | null, onProgress: (f: number) => void) =>
  send<TablePreview>(`/api/v1/imports/${entity}/preview`, tableForm(file, mapping), onProgress);
export const commitTable = (entity: TableEntity, file: File, mapping: (string | null)[], onProgress: (f: number) => void, progressId?: string) =>
  send<TableResult>(`/api/v1/imports/${entity}`, tableForm(file, mapping, true, progressId), onProgress);

/** The server's side of an import under way (checking, then applying rows in batches). */
export interface ServerProgress {
  phase: 'receiving' | 'checking' | 'applying' | 'done' | 'failed';
  done: number;
  total: number | null;
}

/** Where the server is with the import named `progressId`; null when it has not started yet. */
export async function importProgress(progressId: string): Promise<ServerProgress | null> {
  const res = await authed(`/api/v1/imports/progress/${encodeURIComponent(progressId)}`);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`progress ${res.status}`);
  return (await res.json()) as ServerProgress;
}
