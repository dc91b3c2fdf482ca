import type { Role } from '@lotbook/shared';
import { api } from '../../app/runtime.ts';

export type Hours = Record<string, [string, string][]>;
export interface Member {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  role: Role;
  is_active: boolean;
  specializations: string[];
  working_hours: Hours;
  /** Local dates ("YYYY-MM-DD") off: no leads are routed to them those days. */
  days_off: string[];
}
export type MemberInput = Pick<Member, 'first_name' | 'last_name' | 'phone' | 'role' | 'specializations' | 'working_hours' | 'days_off'> & { email?: string };

export const teamApi = {
  list: () => api.get<{ items: Member[] }>('/api/v1/team').then((r) => r.items),
  create: (m: MemberInput) => api.post<{ user: Member; link: string }>('/api/v1/team', m),
  edit: (id: string, m: Partial<MemberInput>) => api.patch<Member>(`/api/v1/team/${id}`, m),
  deactivate: (id: string, reassign_to: string | null) => api.post<{ leads_moved: number }>(`/api/v1/team/${id}/deactivate`, { reassign_to }),
  reactivate: (id: string) => api.post<Member>(`/api/v1/team/${id}/reactivate`, {}),
  resetPassword: (id: string) => api.post<{ link: string }>(`/api/v1/team/${id}/reset-password`, {}),
};

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** "2026-12-24, 2026-12-31" → the dates; null when one is not a YYYY-MM-DD date. Holidays and days off. */
export function parseDateList(text: string): string[] | null {
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  return list.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`))) ? list : null;
}

/** "09:00-14:00, 16:00-20:00" ↔ [["09:00","14:00"],["16:00","20:00"]]; null when the text is not valid. */
export function parseIntervals(text: string): [string, string][] | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const out: [string, string][] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    const a = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    const b = `${m[3]!.padStart(2, '0')}:${m[4]}`;
    if (!(a < b) || b > '24:00') return null;
    out.push([a, b]);
  }
  return out;
}
export const formatIntervals = (iv: readonly (readonly [string, string])[] | undefined) => (iv ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
