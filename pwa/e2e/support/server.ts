/**
 * Starts the real sync server (`sync-server/src/main.ts` under tsx) as a child process on a free
 * port, with a fresh PGlite data directory seeded with the demo dealership, serving the built PWA
 * from pwa/dist on the same origin. Shared by the Playwright global setup and bench/pwa.bench.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PWA_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_DIR = join(PWA_DIR, '..');
export const SERVER_DIR = join(REPO_DIR, 'sync-server');
export const PWA_DIST = join(PWA_DIR, 'dist');

export interface RunningLotbook {
  url: string;
  dataDir: string;
  /** The last lines the server printed, and its exit code once it exited (null while running). */
  log(): string;
  exitCode(): number | null;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sync server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`sync server not ready after ${timeoutMs} ms:\n${log()}`);
}

/** Spawns the server; resolves once /health/ready answers 200 (migrated and seeded). */
export async function startLotbook(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningLotbook> {
  if (!existsSync(join(PWA_DIST, 'index.html'))) throw new Error(`${PWA_DIST} is missing: run "vite build" first (pnpm e2e does).`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lotbook-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      PWA_DIST,
      LOG_LEVEL: 'warn',
      // Scheduled jobs would notify at wall-clock times; specs run them on demand.
      ENABLE_SCHEDULED_TASKS: 'false',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitReady(url, child, opts.timeoutMs ?? 120_000, () => output);
  return {
    url,
    dataDir,
    log: () => output,
    exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
