import { loadEnv } from './env.ts';
import { createContext, startServer } from './server.ts';
import { startEmbeddingJob } from './chat/embeddings.ts';
import { providerFor } from './chat/providers/index.ts';
import { isDatabaseEmpty, seedDemo, DEMO_LOGINS, DEMO_PASSWORD } from './seed/index.ts';
import { startupSetupToken } from './dealership/setup.ts';
import { linkUrl } from './team/links.ts';

/** `pnpm start`: migrate, seed the demo dealership on an empty database, serve API + PWA. */
async function main() {
  const env = loadEnv();
  const ctx = await createContext(env);
  if (env.SEED_DEMO && (await isDatabaseEmpty(ctx.db))) {
    ctx.log.info({ scale: env.SEED_SCALE }, 'seeding the demo dealership');
    const summary = await seedDemo(ctx.db, { scale: env.SEED_SCALE });
    ctx.log.info(summary, 'seeded');
  }
  const server = await startServer(ctx);
  // Chat embeddings: drain the refresh queue, and backfill a freshly seeded database once.
  const stopEmbeddings = startEmbeddingJob(ctx.db, ctx.vector, providerFor(ctx).embedder, ctx.log);
  // No dealership yet (production, no demo): a one-time setup link, valid for an hour, in the log.
  const setupToken = await startupSetupToken(ctx.db);
  const lines = [
    '',
    `  Lotbook is running at ${server.url}`,
    `  Database: ${ctx.db.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'Postgres (DATABASE_URL)'}${ctx.vector ? ' with pgvector' : ''}`,
    '',
    ...(setupToken
      ? ['  No dealership yet. Open this one-time link to set it up (works once, for one hour):', `    ${linkUrl(env.PUBLIC_URL ?? server.url, 'setup', setupToken)}`]
      : env.SEED_DEMO
        ? [`  Demo logins (password ${DEMO_PASSWORD}):`, ...DEMO_LOGINS.map((l) => `    ${l.email.padEnd(24)} ${l.role}`)]
        : []),
    '',
  ];
  if (setupToken) ctx.log.info('first-run setup link printed on stdout');
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    stopEmbeddings();
    await server.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
