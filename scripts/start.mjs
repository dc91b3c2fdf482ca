#!/usr/bin/env node
// `pnpm start` (README command 1): builds the PWA when it has not been built yet, then starts the
// sync server, which serves the PWA on the same origin, on embedded PGlite unless DATABASE_URL is set.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pnpm = process.env.npm_execpath && process.env.npm_execpath.includes('pnpm') ? [process.execPath, process.env.npm_execpath] : ['npx', '-y', 'pnpm@12'];
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
