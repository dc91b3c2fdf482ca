/**
 * A device's network, under the test's control: offline makes fetch throw like a browser does;
 * `dropResponses` lets requests reach the server and then loses the answer (the connection drops
 * mid-push).
 */
export class TestNetwork {
  private down = false;
  private readonly streams = new Set<AbortController>();

  get offline(): boolean {
    return this.down;
  }

  /** Going offline also cuts open connections (the SSE stream), as losing the network does. */
  set offline(v: boolean) {
    this.down = v;
    if (v) for (const c of this.streams) c.abort(new TypeError('network lost'));
  }

  /** Requests matching this are delivered, but their response is lost (counts down). */
  drop: { match: (url: string, init?: RequestInit) => boolean; times: number } | null = null;
  /** Rewrites request URLs, e.g. to play an outdated app that speaks an old protocol. */
  rewrite: ((url: string) => string) | null = null;
  readonly log: { method: string; url: string; status: number | 'network_error'; at?: number }[] = [];
  /** Sees every request that goes out, with its body (a test reads what a push sent). */
  observe: ((url: string, init?: RequestInit) => void) | null = null;
  /** Awaited before a request goes out: slows chosen requests down (a slow link). */
  hold: ((url: string) => Promise<void>) | null = null;
  /** Awaited after the server answered, before the app sees the answer (a slow way back). */
  holdAnswer: ((url: string) => Promise<void>) | null = null;
  /** Rewrites the body of an answer before the app sees it (null: unchanged). */
  rewriteAnswer: ((url: string, body: string) => string | null) | null = null;
  /** Requests under way per path (no query), and the most ever under way at once. */
  readonly active = new Map<string, number>();
  readonly peak = new Map<string, number>();

  readonly fetch: typeof fetch = async (input, init) => {
    const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = this.rewrite ? this.rewrite(original) : original;
    if (url !== original) input = url;
    const method = init?.method ?? 'GET';
    if (this.offline) {
      this.log.push({ method, url, status: 'network_error', at: Date.now() });
      throw new TypeError('Failed to fetch');
    }
    const ctl = new AbortController();
    init?.signal?.addEventListener('abort', () => ctl.abort(init.signal?.reason));
    if (url.includes('/stream')) this.streams.add(ctl);
    const path = url.split('?')[0]!;
    const n = (this.active.get(path) ?? 0) + 1;
    this.active.set(path, n);
    this.peak.set(path, Math.max(n, this.peak.get(path) ?? 0));
    let res: Response;
    try {
      this.observe?.(url, init);
      if (this.hold) await this.hold(url);
      res = await globalThis.fetch(input, { ...init, signal: ctl.signal });
    } finally {
      this.active.set(path, (this.active.get(path) ?? 1) - 1);
    }
    if (this.drop && this.drop.times > 0 && this.drop.match(url, init)) {
      this.drop.times--;
      await res.arrayBuffer();
      this.log.push({ method, url, status: 'network_error', at: Date.now() });
      throw new TypeError('Failed to fetch');
    }
    if (this.rewriteAnswer && !url.includes('/stream')) {
      const body = await res.text();
      res = new Response(this.rewriteAnswer(url, body) ?? body, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    if (this.holdAnswer) await this.holdAnswer(url);
    this.log.push({ method, url, status: res.status, at: Date.now() });
    return res;
  };

  count(pred: (e: { method: string; url: string; status: number | 'network_error' }) => boolean): number {
    return this.log.filter(pred).length;
  }
}
