import { BASE_URL, sessionStore } from '../../app/runtime.ts';
import { authedFetch } from '../../auth/authed-fetch.ts';
import type { Period } from './types.ts';

/** Downloads the Excel report for the period (online only), through authedFetch. */
export async function downloadReport(period: Period): Promise<void> {
  const res = await authedFetch(sessionStore, `${BASE_URL}/api/v1/analytics/report.xlsx?period=${period}`);
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
