import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadEnv } from '../env.ts';
import { linkUrl } from '../team/links.ts';
import { adminBasics, dealershipBasics } from './schemas.ts';
import { setupDealership } from './setup.ts';

const USAGE = `Usage: pnpm lotbook setup --dealership "Automóviles García" --admin-email ana@garcia.es
       [--admin-name "Ana García"] [--currency EUR] [--timezone Europe/Madrid] [--locale es-ES] [--url https://crm.garcia.es]

Creates the dealership and its first admin on an empty database (DATABASE_URL, or the embedded
database in DATA_DIR) and prints a one-time link where the admin sets a password.`;

/** Runs the CLI; returns the exit code. Output goes through `out` so tests can read it. */
export async function runCli(argv: string[], source: Record<string, string | undefined> = process.env, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'setup') {
    out(`${USAGE}\n`);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      dealership: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      currency: { type: 'string' },
      timezone: { type: 'string' },
      locale: { type: 'string' },
      url: { type: 'string' },
    },
    strict: true,
  });
  const d = dealershipBasics.safeParse({ name: values.dealership, currency: values.currency, timezone: values.timezone, locale: values.locale });
  const [first, ...last] = (values['admin-name'] ?? 'Admin').trim().split(/\s+/);
  const a = adminBasics.safeParse({ email: values['admin-email'], first_name: first, last_name: last.join(' ') });
  if (!d.success || !a.success) {
    const issues = [...(d.error?.issues ?? []), ...(a.error?.issues ?? [])].map((i) => `  ${i.path.join('.') || 'input'}: ${i.message}`);
    out(`Invalid input:\n${issues.join('\n')}\n\n${USAGE}\n`);
    return 2;
  }
  const env = loadEnv(source);
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR.startsWith('memory://') ? env.DATA_DIR : join(env.DATA_DIR, 'pglite') });
  try {
    await migrate(db);
    const result = await db.tx((tx) => setupDealership(tx, d.data, a.data));
    const base = values.url ?? env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    out(
      [
        `Created "${d.data.name}" (${d.data.currency}, ${d.data.timezone}, ${d.data.locale}) and its admin ${a.data.email}.`,
        '',
        'One-time link to set the admin password (works once, for 3 days):',
        `  ${linkUrl(base, 'set_password', result.password_token ?? '')}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    out(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
