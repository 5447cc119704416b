/**
 * The dashboard's server-sent events: one snapshot a tick, built once and written to every
 * client. A client that has not taken the last frame yet (a slow reader, a stalled
 * socket) misses this one: a snapshot replaces the one before it, so dropping loses
 * nothing but freshness, and no client can make the monitor queue frames for it.
 */

/** What the feed needs of a response: Node's http.ServerResponse is one. */
export interface SseClient {
  write(chunk: string): boolean;
  end(): void;
  readonly writableNeedDrain: boolean;
}

export class DashboardFeed {
  private readonly clients = new Set<SseClient>();
  private timer: NodeJS.Timeout | null = null;
  /** Frames not written to a client that had not taken the one before. */
  dropped = 0;

  /**
   * @param snapshot the state to send, built once per tick.
   * @param maxClients clients served at once; more are refused.
   */
  constructor(
    private readonly snapshot: () => unknown,
    readonly maxClients = 16,
    private readonly tickMs = 1_000,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** Takes a client (its headers sent) and sends it the state now; false when full. */
  add(client: SseClient): boolean {
    if (this.clients.size >= this.maxClients) return false;
    this.clients.add(client);
    client.write(this.frame());
    this.timer ??= setInterval(() => this.tick(), this.tickMs);
    return true;
  }

  remove(client: SseClient): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stop();
  }

  /** Sends the state now to every client ready for it. */
  tick(): void {
    if (this.clients.size === 0) return;
    const frame = this.frame();
    for (const client of this.clients) {
      if (client.writableNeedDrain) this.dropped++;
      else client.write(frame);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Ends every stream: an open one would hold the HTTP server's close. */
  close(): void {
    this.stop();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private frame(): string {
    return `data: ${JSON.stringify(this.snapshot())}\n\n`;
  }
}
