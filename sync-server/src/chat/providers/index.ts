import type { AppContext } from '../../context.ts';
import { localProvider } from './local.ts';
import { openaiProvider } from './openai.ts';
import type { ChatProvider } from './types.ts';

const providers = new WeakMap<AppContext, ChatProvider>();

/** The context's provider, made once: OpenAI (or a compatible server) with OPENAI_API_KEY, else the local default. */
export function providerFor(ctx: AppContext): ChatProvider {
  let p = providers.get(ctx);
  if (!p) {
    p = ctx.env.OPENAI_API_KEY ? openaiProvider(ctx.env) : localProvider();
    providers.set(ctx, p);
  }
  return p;
}
