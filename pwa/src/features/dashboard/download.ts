import { BASE_URL, sessionStore } from '../../app/runtime.ts';
import type { Period } from './types.ts';

/** Downloads the Excel report for the period (online only); refreshes the token once if it expired. */
export async function downloadReport(period: Period): Promise<void> {
  const url = `${BASE_URL}/api/v1/analytics/report.xlsx?period=${period}`;
  const send = (token: string | undefined) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  let res = await send(sessionStore.get()?.access_token);
  if (res.status === 401) res = await send((await sessionStore.refresh())?.access_token);
  if (!res.ok) throw new Error(`report ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = `lotbook-${period}.xlsx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
