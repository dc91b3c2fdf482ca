import { Hono } from 'hono';
import type { AppContext } from '../context.ts';

// Placeholder: being written.
export function authRoutes(_ctx: AppContext): Hono {
  return new Hono();
}
