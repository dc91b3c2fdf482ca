import type { AppContext } from '../../context.ts';
import { localProvider } from './local.ts';
import type { ChatProvider } from './types.ts';

const providers = new WeakMap<AppContext, ChatProvider>();

/** The context's provider, made once: the local default (see local.ts). */
export function providerFor(ctx: AppContext): ChatProvider {
  let p = providers.get(ctx);
  if (!p) {
    p = localProvider();
    providers.set(ctx, p);
  }
  return p;
}
