import type { Database } from './db/client.ts';
import type { Env } from './env.ts';
import type { Logger } from './log.ts';
import type { ChangeBus } from './sync/change-bus.ts';
import type { Role } from '@lotbook/shared';

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
