#!/usr/bin/env node
// `pnpm start` (README command 1): builds the PWA when it has not been built yet, then starts the
// sync server, which serves the PWA on the same origin, on embedded PGlite unless DATABASE_URL is set.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Re-use the pnpm that runs this script (pnpm 12 ships as a native binary, older ones as JS).
const execpath = process.env.npm_execpath ?? '';
const pnpm = !execpath.includes('pnpm') ? ['npx', '-y', 'pnpm@12'] : /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath];
if (!existsSync(join(root, 'pwa/dist/index.html')) && existsSync(join(root, 'pwa/vite.config.ts'))) {
  process.stdout.write('Building the PWA (first start only)...\n');
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), '--filter', '@lotbook/pwa', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn(pnpm[0], [...pnpm.slice(1), '--filter', '@lotbook/sync-server', 'start'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
