import { agingJobs } from '../aging/jobs.ts';
import type { Env } from '../env.ts';
import { dailyReportJob, notificationChecksJob } from '../notifications/jobs.ts';
import { routingJobs } from '../routing/jobs.ts';
import { cleanupJob } from './cleanup.ts';
import type { JobDefinition } from './types.ts';

/**
 * Every scheduled job. Feature folders export `(env) => JobDefinition` factories; add yours here
 * (routing, aging and chat jobs join the same scheduler and the same once-per-slot claim).
 */
export function jobDefinitions(env: Env): JobDefinition[] {
  return [notificationChecksJob(env), cleanupJob(env), dailyReportJob(env), ...routingJobs(env), ...agingJobs(env)];
}
