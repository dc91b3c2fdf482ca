/** `pnpm sim:routing`: prints the month's routing figures (see sim.ts). */
import { simulateRouting } from './sim.ts';

const r = simulateRouting();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`Simulated month: ${r.leads} web leads, 4 reps with equal specializations and hours (Mon–Sat 09:00–21:00 Madrid)`);
for (const p of r.perRep) console.log(`  ${p.name.padEnd(6)} ${String(p.leads).padStart(4)} leads  (${p.deviation >= 0 ? '+' : ''}${pct(p.deviation)} vs mean)`);
console.log(`Spread: max ${pct(r.maxDeviation)} from the mean (aim: within ±15%) ${r.maxDeviation <= 0.15 ? 'OK' : 'OUTSIDE'}`);
console.log(`Hot leads: ${r.hot}, to top performers: ${r.hotToTop} (${pct(r.hot ? r.hotToTop / r.hot : 0)})`);
console.log(`Pooled (arrived while closed): ${r.pooled}; escalations: ${r.escalations}`);
console.log(`Median minutes from arrival to first response: ${r.medianFirstResponseMinutes}`);
