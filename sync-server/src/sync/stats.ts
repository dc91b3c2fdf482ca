import type { AppContext } from '../context.ts';
export async function syncHealth(_ctx: AppContext): Promise<Record<string, unknown>> { return { status: 'ok' }; }
