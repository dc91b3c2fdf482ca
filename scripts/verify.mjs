#!/usr/bin/env node
// The one command CI runs (README command 2): typecheck, lint, every test suite, and a final
// "N passed, N failed" line totalling all of them. The server and client sync suites run on
// PGlite, and also on real Postgres when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'lotbook-verify-'));
// Re-use the pnpm that runs this script (pnpm 12 ships as a native binary, older ones as JS).
const execpath = process.env.npm_execpath ?? '';
const pnpm = !execpath.includes('pnpm') ? ['npx', '-y', 'pnpm@12'] : /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath];
const results = [];

function run(name, cmd, args, opts = {}) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== ${name}: ${r.status === 0 ? 'ok' : `exit ${r.status}`} (${seconds}s) ===\n`);
  return r.status === 0;
}

function check(name, cmd, args, opts) {
  const ok = run(name, cmd, args, opts);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, ok });
}

function vitest(name, pkg) {
  const file = join(out, `${pkg}.json`);
  const ok = run(name, pnpm[0], [...pnpm.slice(1), '--filter', `@lotbook/${pkg}`, 'exec', 'vitest', 'run', '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  let passed = 0;
  let failed = ok ? 0 : 1;
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    passed = j.numPassedTests;
    failed = j.numFailedTests + (j.numFailedTestSuites ?? 0);
    if (!ok && failed === 0) failed = 1;
  }
  results.push({ name, passed, failed, ok });
}

function playwright(name) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const msg = `Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`;
    if (process.env.CI) {
      process.stdout.write(`\n${msg}\n`);
      results.push({ name, passed: 0, failed: 1, ok: false });
    } else {
      process.stdout.write(`\n=== ${name}: SKIPPED. ${msg} ===\n`);
    }
    return;
  }
  const file = join(out, 'e2e.json');
  const ok = run(name, pnpm[0], [...pnpm.slice(1), '--filter', '@lotbook/pwa', 'e2e'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: file, PW_REPORTERS: 'list,json' },
  });
  let passed = 0;
  let failed = ok ? 0 : 1;
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
    passed = (s.expected ?? 0) + (s.flaky ?? 0);
    if (s.flaky) process.stdout.write(`(${s.flaky} end-to-end test(s) passed only on retry: flaky)\n`);
    failed = (s.unexpected ?? 0) || (ok ? 0 : 1);
  }
  results.push({ name, passed, failed, ok });
}

check('typecheck', pnpm[0], [...pnpm.slice(1), '-r', 'typecheck']);
check('lint', pnpm[0], [...pnpm.slice(1), '-r', 'lint']);
vitest('shared unit tests', 'shared');
vitest(`sync-server tests (PGlite${process.env.TEST_DATABASE_URL ? ' + Postgres' : ''})`, 'sync-server');
vitest(`pwa client tests (PGlite${process.env.TEST_DATABASE_URL ? ' + Postgres' : ''})`, 'pwa');
if (existsSync(join(root, 'pwa/playwright.config.ts'))) playwright('pwa end-to-end (Chromium)');

process.stdout.write('\n=== Summary ===\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed\n`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
