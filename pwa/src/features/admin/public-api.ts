import { ApiFailure, readFailure } from '../../auth/api-failure.ts';
import { BASE_URL } from '../../app/runtime.ts';

/** POSTs JSON to a public (no session) endpoint: the one-time setup and password links. */
export async function postPublic<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${BASE_URL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    throw new ApiFailure(0, 'network_error', (err as Error).message || 'The server cannot be reached');
  }
  if (!res.ok) throw await readFailure(res);
  return (await res.json()) as T;
}

/** The token of a one-time link travels in the URL fragment (`#token=…`), never to a server log. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** i18n key for a failed link request. */
export function linkErrorKey(err: unknown): string {
  if (!(err instanceof ApiFailure)) return 'admin:errors.generic';
  if (err.status === 0) return 'admin:errors.offline';
  if (err.error === 'link_invalid') return 'admin:errors.linkInvalid';
  if (err.error === 'setup_done') return 'admin:errors.setupDone';
  if (err.error === 'validation_error') return 'admin:errors.validation';
  return 'admin:errors.generic';
}
