import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { call } from '../auth/test-fixtures.ts';
import { createTestDatabase, startTestServer, TEST_DB, type TestDatabase, type TestServer } from '../test/harness.ts';
import { runCli } from './cli.ts';
import { startupSetupToken } from './setup.ts';

const form = (token: string, email = 'carmen@garcia.example') => ({
  token,
  dealership: { name: 'Automóviles García', currency: 'eur', timezone: 'Europe/Madrid', locale: 'es-ES' },
  admin: { first_name: 'Carmen', last_name: 'García', email, password: 'un-buen-secreto' },
});

describe('first-run setup by the one-time link', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it('refuses a superseded or expired link, then sets up once and is gone afterwards', async () => {
    const first = await startupSetupToken(server.ctx.db);
    const token = await startupSetupToken(server.ctx.db);
    expect(first && token).toBeTruthy();
    // A restart prints a new link: the old one stops working.
    expect((await call(server.url, 'POST', '/api/v1/setup/check', { body: { token: first } })).body.error).toBe('link_invalid');
    expect((await call(server.url, 'POST', '/api/v1/setup/check', { body: { token } })).status).toBe(200);

    // Bad input is a 400 and the link stays usable.
    const bad = await call(server.url, 'POST', '/api/v1/setup', { body: { ...form(token!), dealership: { name: '', timezone: 'Mars/Base' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_error');

    // Expired: same token, expiry moved to the past.
    await server.ctx.db.rows(sql`update one_time_tokens set expires_at = now() - interval '1 second' where purpose = 'setup' and used_at is null`);
    const expired = await call(server.url, 'POST', '/api/v1/setup', { body: form(token!) });
    expect(expired.status).toBe(410);
    expect(expired.body.error).toBe('link_invalid');
    expect((await server.ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from dealerships`))[0]?.n).toBe(0);

    // A fresh link: two simultaneous uses, exactly one wins.
    const fresh = (await startupSetupToken(server.ctx.db))!;
    const both = await Promise.all([call(server.url, 'POST', '/api/v1/setup', { body: form(fresh) }), call(server.url, 'POST', '/api/v1/setup', { body: form(fresh, 'other@garcia.example') })]);
    expect(both.filter((r) => r.status === 201)).toHaveLength(1);
    expect(both.find((r) => r.status !== 201)?.status).toBeGreaterThanOrEqual(400);

    const d = (await server.ctx.db.rows<{ name: string; currency: string; timezone: string }>(sql`select name, currency, timezone from dealerships`))[0];
    expect(d).toEqual({ name: 'Automóviles García', currency: 'EUR', timezone: 'Europe/Madrid' });
    const winner = both.find((r) => r.status === 201)!.body.email as string;
    const login = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: winner, password: 'un-buen-secreto' } });
    expect(login.status).toBe(200);
    expect((login.body.user as { role: string }).role).toBe('admin');

    // With a dealership present the setup is gone: the same link, a new one, the check.
    expect((await call(server.url, 'POST', '/api/v1/setup', { body: form(fresh) })).body.error).toBe('setup_done');
    expect((await call(server.url, 'POST', '/api/v1/setup/check', { body: { token: fresh } })).status).toBe(404);
    expect(await startupSetupToken(server.ctx.db)).toBeNull();
  });
});

describe('first-run setup by command (pnpm lotbook setup)', () => {
  let database: TestDatabase | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the dealership and admin, prints a one-time password link that works once', async () => {
    let source: Record<string, string>;
    if (TEST_DB === 'postgres') {
      database = await createTestDatabase();
      source = { DATABASE_URL: database.url!, JWT_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'silent' };
    } else {
      dir = mkdtempSync(join(tmpdir(), 'lotbook-cli-'));
      source = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
    }
    const args = ['setup', '--dealership', 'Automóviles García', '--admin-email', 'Jefa@Garcia.example', '--admin-name', 'Carmen García', '--currency', 'EUR', '--timezone', 'Europe/Madrid', '--locale', 'es-ES', '--url', 'https://crm.garcia.example'];
    let printed = '';
    expect(await runCli(args, source, (s) => (printed += s))).toBe(0);
    const link = /https:\/\/crm\.garcia\.example\/set-password#token=([\w-]+)/.exec(printed);
    expect(link?.[1]).toBeTruthy();

    // Twice: refused, nothing changes.
    let again = '';
    expect(await runCli(args, source, (s) => (again += s))).toBe(1);
    expect(again).toMatch(/already has a dealership/);
    let invalid = '';
    expect(await runCli(['setup', '--dealership', 'X', '--admin-email', 'nope', '--timezone', 'Nowhere/City'], source, (s) => (invalid += s))).toBe(2);
    expect(invalid).toMatch(/timezone/);

    if (TEST_DB === 'postgres') database = { ...database!, db: await openDatabase({ databaseUrl: database!.url! }) };
    else database = { db: await openDatabase({ dataDir: join(dir!, 'pglite') }), drop: async () => undefined };
    const server = await startTestServer({ database });
    try {
      const token = link![1]!;
      // No password yet: nothing logs in.
      expect((await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: 'jefa@garcia.example', password: 'anything-at-all' } })).status).toBe(401);
      const check = await call(server.url, 'POST', '/api/v1/password-links/check', { body: { token } });
      expect(check.body).toEqual({ email: 'jefa@garcia.example', first_name: 'Carmen' });
      expect((await call(server.url, 'POST', '/api/v1/password-links/use', { body: { token, password: 'short' } })).status).toBe(400);
      expect((await call(server.url, 'POST', '/api/v1/password-links/use', { body: { token, password: 'una-clave-larga' } })).status).toBe(200);
      expect((await call(server.url, 'POST', '/api/v1/password-links/use', { body: { token, password: 'otra-clave-larga' } })).body.error).toBe('link_invalid');
      const login = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email: 'jefa@garcia.example', password: 'una-clave-larga' } });
      expect(login.status).toBe(200);
      // The setup screen is gone.
      expect((await call(server.url, 'POST', '/api/v1/setup/check', { body: { token: 'x' } })).body.error).toBe('setup_done');

      // The "done when", with no demo seed and no database console: the admin adds a manager
      // and two salespeople with their hours, each sets a password from their link and logs in, then
      // one is deactivated and their session ends.
      const admin = login.body.access_token as string;
      const hours = { '1': [['09:00', '14:00'], ['16:00', '20:00']], '6': [['10:00', '14:00']] };
      const people: Record<string, { id: string; token: string }> = {};
      for (const [email, role] of [['gerente@garcia.example', 'manager'], ['ana@garcia.example', 'sales'], ['luis@garcia.example', 'sales']] as const) {
        const created = await call(server.url, 'POST', '/api/v1/team', { token: admin, body: { first_name: email.split('@')[0]!, email, role, working_hours: hours } });
        expect(created.status).toBe(201);
        const linkToken = new URL(String(created.body.link)).hash.replace('#token=', '');
        expect((await call(server.url, 'POST', '/api/v1/password-links/use', { body: { token: linkToken, password: `${role}-clave-larga` } })).status).toBe(200);
        const session = await call(server.url, 'POST', '/api/v1/auth/login', { body: { email, password: `${role}-clave-larga` } });
        expect(session.status).toBe(200);
        expect((session.body.dealership as { name: string }).name).toBe('Automóviles García');
        people[email] = { id: (created.body.user as { id: string }).id, token: session.body.access_token as string };
      }
      const team = await call(server.url, 'GET', '/api/v1/team', { token: people['gerente@garcia.example']!.token });
      expect((team.body.items as { working_hours: unknown }[]).filter((m) => JSON.stringify(m.working_hours) === JSON.stringify(hours))).toHaveLength(3);
      const luis = people['luis@garcia.example']!;
      expect((await call(server.url, 'POST', `/api/v1/team/${luis.id}/deactivate`, { token: people['gerente@garcia.example']!.token })).status).toBe(200);
      const me = await call(server.url, 'GET', '/api/v1/auth/me', { token: luis.token });
      expect([me.status, me.body.error]).toEqual([401, 'session_revoked']);
      expect((await call(server.url, 'GET', '/api/v1/auth/me', { token: people['ana@garcia.example']!.token })).status).toBe(200);
    } finally {
      await server.stop();
      await database.db.close().catch(() => undefined);
    }
  });
});
