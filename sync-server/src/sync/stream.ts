// placeholder, being written
import type { AppContext } from '../context.ts';
export class SseHub {
  static for(_ctx: AppContext): SseHub { return new SseHub(); }
  closeAll(): void {}
}
