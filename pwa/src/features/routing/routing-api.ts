import type { RoutingSettings } from '@lotbook/shared';
import { api } from '../../app/runtime.ts';

export interface RepSummary {
  user_id: string;
  name: string;
  leads: number;
  responded: number;
  median_minutes: number | null;
  p90_minutes: number | null;
  escalated_away: number;
  escalated_to: number;
}
export interface RoutingSummary {
  from: string;
  to: string;
  totals: { leads: number; pool: number; routed: number; escalations: number; median_minutes: number | null; p90_minutes: number | null };
  reps: RepSummary[];
}

export const routingApi = {
  summary: (from: string, to: string) => api.get<RoutingSummary>(`/api/v1/routing/summary?from=${from}&to=${to}`),
  settings: () => api.get<RoutingSettings>('/api/v1/routing/settings'),
  saveSettings: (s: RoutingSettings) => api.put<RoutingSettings>('/api/v1/routing/settings', s),
};
