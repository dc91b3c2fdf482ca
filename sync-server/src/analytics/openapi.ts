/** OpenAPI paths of /api/v1/analytics (merged into the document by openapi/paths.ts). */
const q = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: 'query', required: false, description, schema });
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const period = [
  q('period', 'Calendar period in the dealership time zone.', { type: 'string', enum: ['today', 'week', 'month', 'quarter', 'year'], default: 'month' }),
  q('compare_previous', 'Include the previous period (to date for the current period).', { type: 'boolean', default: true }),
  q('date', 'A local date (YYYY-MM-DD): the period containing it, compared whole with the one before. Default: today.', { type: 'string', format: 'date' }),
];
const read = (summary: string, parameters: unknown[] = period, description?: string) => ({
  get: { tags: ['analytics'], summary, ...(description ? { description } : {}), parameters, responses: { '200': { description: 'Figures (JSON).' }, '400': err('Invalid query parameters.'), '401': err('Missing or expired token.') } },
});

export function analyticsPaths(): Record<string, unknown> {
  return {
    '/api/v1/analytics/dashboard': read('Executive dashboard (spec Endpoint 3) plus front gross, gross per unit, days\' supply, speed to lead', period,
      'Growth rates are percentages, null when the previous period had no sales. A salesperson gets their own figures; viewers get no cost-derived figures.'),
    '/api/v1/analytics/sellers': read('Leaderboard per rep: units, revenue, front gross, closing ratio, conversion, median first response, active leads, commission, progress to target'),
    '/api/v1/analytics/inventory-aging': read('Stock by 0–30, 31–60, 61–90, 90+ days, by body type and by make', []),
    '/api/v1/analytics/leads-funnel': read('Leads by source and status with conversion and speed to lead'),
    '/api/v1/analytics/restock': read('Segments to restock or stop buying', [q('low_days', 'Restock below this days\' supply.', { type: 'integer', default: 30 }), q('high_days', 'Overstocked above this days\' supply.', { type: 'integer', default: 120 })]),
    '/api/v1/analytics/forecast': read('Weekly units and revenue forecast with an 80% interval and its backtest error', [
      q('horizon_weeks', 'Weeks to forecast.', { type: 'integer', minimum: 1, maximum: 52, default: 12 }),
      q('by', 'Also per segment.', { type: 'string', enum: ['make', 'body_type'] }),
    ]),
    '/api/v1/analytics/commission': {
      ...read('The commission plan', []),
      put: { tags: ['analytics'], summary: 'Set the commission plan (managers)', responses: { '200': { description: 'The plan.' }, '400': err('Invalid plan.'), '403': err('Managers only.') } },
    },
    '/api/v1/analytics/targets': {
      ...read('Monthly targets (a salesperson: their own)', [q('month', 'YYYY-MM', { type: 'string' })]),
      put: { tags: ['analytics'], summary: 'Set monthly targets per rep (managers)', responses: { '200': { description: 'The targets.' }, '400': err('Invalid body.'), '403': err('Managers only.'), '422': err('Not a salesperson of this dealership.') } },
    },
    '/api/v1/analytics/report.xlsx': read('Excel report: summary, leaderboard, aging, funnel'),
    '/api/v1/analytics/report.csv': read('One report table as CSV', [...period, q('table', 'Which table.', { type: 'string', enum: ['summary', 'leaderboard', 'aging', 'funnel'], default: 'summary' })]),
  };
}
