// Placeholder, being written by the seed owner. Keep these exports.
import type { Database } from '../db/client.ts';
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_LOGINS = [
  { email: 'admin@demo.example', role: 'admin' },
  { email: 'gerente@demo.example', role: 'manager' },
  { email: 'ana@demo.example', role: 'sales' },
  { email: 'luis@demo.example', role: 'sales' },
  { email: 'marta@demo.example', role: 'sales' },
  { email: 'visor@demo.example', role: 'viewer' },
] as const;
export async function isDatabaseEmpty(_db: Database): Promise<boolean> { return false; }
export async function seedDemo(_db: Database, _opts: { scale: 'small' | 'large'; now?: Date }): Promise<Record<string, unknown>> { return {}; }
