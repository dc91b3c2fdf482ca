/** Shared setup for the chat tests: a real server with the demo dealership and a second one. */
import { signAccessToken } from '../auth/tokens.ts';
import type { AuthUser } from '../context.ts';
import { users } from '../db/schema.ts';
import { seedDealership, seedDemo, type SeedSummary } from '../seed/index.ts';
import { startTestServer, type TestServer } from '../test/harness.ts';

export interface ChatWorld {
  server: TestServer;
  demo: SeedSummary;
  other: SeedSummary;
  users: Map<string, AuthUser & { token: string }>;
}

export async function startChatWorld(): Promise<ChatWorld> {
  let demo: SeedSummary | undefined;
  let other: SeedSummary | undefined;
  const server = await startTestServer({
    seed: async (db) => {
      demo = await seedDemo(db, { scale: 'small' });
      other = await seedDealership(db, { name: 'Otro Concesionario', emailDomain: 'otro.example', scale: 'tiny' });
    },
  });
  if (!demo || !other) throw new Error('seed did not run');
  const map = new Map<string, AuthUser & { token: string }>();
  for (const u of await server.ctx.db.orm.select().from(users)) {
    const user: AuthUser = { id: u.id, dealership_id: u.dealership_id, role: u.role as AuthUser['role'], email: u.email };
    map.set(u.email, { ...user, token: await signAccessToken(user, server.ctx.jwtSecret, 3600) });
  }
  return { server, demo, other, users: map };
}

export function who(world: ChatWorld, email: string): AuthUser & { token: string } {
  const u = world.users.get(email);
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

export interface Reply { status: number; body: Record<string, unknown> & { content?: string; sources?: { type: string; id: string; relevance_score: number }[]; metadata?: Record<string, unknown> } }

export async function call(world: ChatWorld, email: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${world.server.url}/api/v1/chat${path}`, {
    method,
    headers: { authorization: `Bearer ${who(world, email).token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

/** A new session for `email`; returns a function asking questions in it. */
export async function conversation(world: ChatWorld, email: string, context: Record<string, unknown> = { include_inventory: true, include_leads: true, max_results: 20 }) {
  const s = await call(world, email, 'POST', '/sessions', {});
  const id = s.body.id as string;
  return {
    id,
    ask: (message: string) => call(world, email, 'POST', `/sessions/${id}/messages`, { message, context }),
  };
}
