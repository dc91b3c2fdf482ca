import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import type { AppContext } from './context.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import type { Env } from './env.ts';
import { createLogger, type Logger } from './log.ts';
import { ChangeBus } from './sync/change-bus.ts';
import { DeviceStats } from './sync/stats.ts';
import { SseHub } from './sync/stream.ts';
import { systemClock, type Clock } from './jobs/clock.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { jobDefinitions } from './jobs/registry.ts';
import { configureDelivery } from './notifications/delivery.ts';
import { WebPushChannel, vapidKeys } from './notifications/push.ts';
import { EmailChannel } from './notifications/email.ts';
import { startTriggerDelivery } from './notifications/trigger-delivery.ts';

export interface RunningServer {
  ctx: AppContext;
  app: Hono;
  url: string;
  close(): Promise<void>;
}

/** JWT_SECRET from the env, or generated once and kept in DATA_DIR (embedded mode only). */
function jwtSecret(env: Env): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.DATA_DIR.startsWith('memory://')) return randomBytes(32).toString('hex');
  mkdirSync(env.DATA_DIR, { recursive: true });
  const file = join(env.DATA_DIR, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Opens and migrates the database and builds the context, without listening on a port. */
export async function createContext(env: Env, opts: { db?: Database; log?: Logger; clock?: Clock; instanceId?: string } = {}): Promise<AppContext> {
  const log = opts.log ?? createLogger(env.LOG_LEVEL);
  const db =
    opts.db ??
    (await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: env.PG_POOL_SIZE, readPoolSize: env.PG_READ_POOL_SIZE } : { dataDir: env.DATA_DIR.startsWith('memory://') ? env.DATA_DIR : join(env.DATA_DIR, 'pglite') }));
  const { vector } = await migrate(db);
  if (!vector) log.warn('pgvector is not available: semantic search is off, full-text search still works');
  const changes = new ChangeBus();
  await changes.start(db, log);
  const clock = opts.clock ?? systemClock;
  const scheduler = new Scheduler({ db, env, log, clock, jobs: jobDefinitions(env), instanceId: opts.instanceId });
  // Push and email for notify(): per process (notify's contract takes only the database).
  const vapid = vapidKeys(env);
  configureDelivery({
    clock,
    log,
    push: new WebPushChannel(vapid, log),
    email: env.SMTP_URL ? new EmailChannel(env.SMTP_URL, env.SMTP_FROM, env.PUBLIC_URL, log) : undefined,
  });
  return {
    env, db, log, vector, changes, jwtSecret: jwtSecret(env), startedAt: new Date(), clock, scheduler,
    delivery: { vapidPublicKey: vapid.publicKey, email: Boolean(env.SMTP_URL) },
  };
}

/** Starts the HTTP server on env.HOST:env.PORT (port 0 picks a free port). */
export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const hub = SseHub.for(ctx);
  const app = createApp(ctx);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: ctx.env.PORT, hostname: ctx.env.HOST }, () => resolve(s));
  });
  // Idle keep-alive sockets outlive typical client and load-balancer timeouts, so a client never
  // sends a request on a socket the server is closing at that moment (ECONNRESET).
  const http = server as { keepAliveTimeout?: number; headersTimeout?: number };
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  if (ctx.env.ENABLE_SCHEDULED_TASKS) ctx.scheduler.start();
  // Push/email for notifications written by database triggers (lead_assigned).
  const stopTriggerDelivery = startTriggerDelivery(ctx);
  const { port } = server.address() as AddressInfo;
  const host = ctx.env.HOST === '0.0.0.0' ? '127.0.0.1' : ctx.env.HOST;
  return {
    ctx,
    app,
    url: `http://${host}:${port}`,
    async close() {
      await ctx.scheduler.stop();
      stopTriggerDelivery();
      hub.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await DeviceStats.for(ctx).close();
      await ctx.changes.stop();
    },
  };
}
