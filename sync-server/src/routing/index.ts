/** What other packages' tests drive directly (pwa/src/db device tests with a fixed clock). */
export { recordRouting, routeNewLeads } from './assign.ts';
export { escalateDueLeads } from './escalate.ts';
