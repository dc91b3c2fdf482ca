import { STREAM_EVENTS, isCollectionName, syncPaths, type CollectionName, type StreamChanges, type StreamHint } from '@lotbook/shared';

export interface StreamOptions {
  baseUrl: string;
  /** Absent (an old runtime): no stream; pulls then happen on resync, reconnect and syncNow(). */
  EventSource: typeof EventSource | undefined;
  /** Named on the stream (`?device_id=`), for the device's statistics on the server. */
  deviceId?: string;
  /** The device applies the changes a change event carries: asked for with `?changes=1`. */
  carries?: boolean;
  /** The current access token, made fresh (refreshed) when needed; null = cannot connect now. */
  token(reconnecting: boolean): Promise<string | null>;
  /**
   * `seq`: the change event's checkpoint, committed on the server (the pull may then share an
   * answer); `changes`: the changes themselves, when the server carried them (issue 17).
   */
  onChange(collection: CollectionName, seq?: number, changes?: StreamChanges): void;
  /** (Re)connected: anything may have been missed. */
  onResync(): void;
  onConnected(connected: boolean): void;
  /** The server ended the stream because it ended the session (`revoked` event): confirm and stop. */
  onRevoked?(): void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * The one SSE connection of a device. EventSource cannot send headers, so the token travels as
 * `?access_token=`; when it expires the server ends the stream. We never let EventSource retry on
 * its own (it would reuse the stale token): every error closes it, and we reconnect with backoff
 * and a token that `token()` made fresh.
 */
export class ChangeStream {
  private es: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private attempt = 0;

  constructor(private readonly opts: StreamOptions) {}

  start(): void {
    if (this.running || !this.opts.EventSource) return;
    this.running = true;
    this.attempt = 0;
    void this.connect(false);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.close();
  }

  /** Reconnect now (the browser came back online). */
  kick(): void {
    if (!this.running || this.es) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.connect(true);
  }

  private close(): void {
    if (!this.es) return;
    this.es.close();
    this.es = null;
    this.opts.onConnected(false);
  }

  private async connect(reconnecting: boolean): Promise<void> {
    let token: string | null = null;
    try {
      token = await this.opts.token(reconnecting);
    } catch {
      // Offline or the server is down: try again later.
    }
    if (!this.running) return;
    if (!token) return this.scheduleReconnect();
    const device = this.opts.deviceId ? `&device_id=${encodeURIComponent(this.opts.deviceId)}` : '';
    const carries = this.opts.carries ? '&changes=1' : '';
    const url = `${this.opts.baseUrl}${syncPaths.stream()}?access_token=${encodeURIComponent(token)}${device}${carries}`;
    const ES = this.opts.EventSource;
    if (!ES) return;
    const es = new ES(url);
    this.es = es;
    es.addEventListener('open', () => {
      this.attempt = 0;
      this.opts.onConnected(true);
    });
    es.addEventListener(STREAM_EVENTS.resync, () => this.opts.onResync());
    es.addEventListener(STREAM_EVENTS.change, (e) => {
      try {
        const hint = JSON.parse((e as MessageEvent<string>).data) as StreamHint;
        if (!isCollectionName(hint.collection)) return;
        const seq = typeof hint.checkpoint?.seq === 'number' ? hint.checkpoint.seq : undefined;
        const changes = hint.changes && typeof hint.changes === 'object' ? hint.changes : undefined;
        this.opts.onChange(hint.collection, seq, changes);
      } catch {
        // A malformed hint only delays a pull until the next resync.
      }
    });
    es.addEventListener(STREAM_EVENTS.revoked, () => {
      if (this.es !== es) return;
      this.close();
      this.opts.onRevoked?.();
    });
    es.addEventListener('error', () => {
      if (this.es !== es) return;
      this.close();
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (!this.running || this.timer) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect(true);
    }, delay);
  }
}
