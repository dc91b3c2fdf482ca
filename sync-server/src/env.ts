import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The whole configuration, parsed once. Nothing else reads process.env. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SEED_DEMO: bool.optional(),
  SEED_SCALE: z.enum(['small', 'large']).default('small'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine(
      (v) => v.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean).every((o) => /^https?:\/\/[^/\s*]+$/i.test(o)),
      'CORS_ORIGINS must list origins like https://crm.example.com (never * or null)',
    ),
  // How long a server instance trusts its cached copy of a user's "tokens valid after" mark:
  // deactivation or a password change ends existing access tokens within this time.
  AUTH_REVOCATION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  // Postgres connections per instance: the main pool (pushes, REST) and a separate pool for pulls
  // and change hints, so reads never queue behind writes waiting on a dealership's lock (0 shares).
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  PG_READ_POOL_SIZE: z.coerce.number().int().min(0).max(500).default(10),
  // Change streams one user may hold open per instance (default 5: a phone, a tablet, a desktop and
  // reconnects). Raised only for load tests that put many simulated devices on few users.
  SYNC_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).optional(),
  // Device statistics (last pull/push per device) are kept in memory and written every this many
  // ms in one statement, not once per pull (0 writes on every request).
  SYNC_STATS_FLUSH_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  /** CSV/Excel uploads (POST /api/v1/imports/:entity[/preview]) only: streamed to a temporary file, never held in memory. */
  IMPORT_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PWA_DIST: z.string().optional(),
  // The address people open (e.g. https://crm.garcia.es); used in one-time setup and password links.
  PUBLIC_URL: z.string().url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  // Scheduled jobs (jobs/): off for tests and single-purpose processes. Each run is claimed in
  // the database, so several instances may all have it on.
  ENABLE_SCHEDULED_TASKS: bool.default(true),
  NOTIFICATION_CHECK_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  CLEANUP_INTERVAL_HOURS: z.coerce.number().int().min(1).max(24).default(1),
  DAILY_REPORT_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'DAILY_REPORT_TIME must be HH:MM (24 h), e.g. 08:00')
    .default('08:00'),
  // A job run's lease: a crashed instance's run is taken over by another once it expires.
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(24 * 3600).default(600),
  LEAD_UNANSWERED_MINUTES: z.coerce.number().int().min(1).default(30),
  HOT_LEAD_SCORE: z.coerce.number().int().min(1).max(100).default(70),
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  REJECTION_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  // Web Push: VAPID keys from here, or generated once into DATA_DIR.
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default('mailto:admin@lotbook.invalid'),
  // Email (nodemailer): off unless SMTP_URL is set, e.g. smtp://user:pass@smtp.example.com:587
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Lotbook <no-reply@lotbook.invalid>'),
});

export type Env = z.infer<typeof envSchema> & { SEED_DEMO: boolean };

/** Parses an environment (process.env by default) or throws a readable error. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.DATABASE_URL && !env.JWT_SECRET) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: required when DATABASE_URL is set');
  }
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    throw new Error('Invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither');
  }
  return { ...env, SEED_DEMO: env.SEED_DEMO ?? !env.DATABASE_URL };
}
