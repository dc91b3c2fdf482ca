import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import type { Logger } from './log.ts';
import type { ChangeBus } from './sync/change-bus.ts';
import type { Role } from '@lotbook/shared';
import type { Clock } from './jobs/clock.ts';
import type { Scheduler } from './jobs/scheduler.ts';

/** Everything a request handler or service needs; built once at start-up. */
export interface AppContext {
  env: Env;
  db: Database;
  log: Logger;
  /** Whether pgvector is available (semantic retrieval on or off). */
  vector: boolean;
  changes: ChangeBus;
  jwtSecret: string;
  startedAt: Date;
  /** The one source of time for jobs and notification delivery (a FakeClock in tests). */
  clock: Clock;
  /** Scheduled jobs: always built (manual runs, /health), started only when ENABLE_SCHEDULED_TASKS. */
  scheduler: Scheduler;
  /** Channels outside the app: the VAPID public key for devices, whether email is on. */
  delivery: { vapidPublicKey: string; email: boolean };
}

/** The authenticated caller, set by the auth middleware. */
export interface AuthUser {
  id: string;
  dealership_id: string;
  role: Role;
  email: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    user: AuthUser;
    /** The access token's session (refresh-token family), null for a token that names none. */
    sessionId: string | null;
    requestId: string;
  }
}
