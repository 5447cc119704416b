/**
 * The run's consumer lag per group and partition, read every few seconds with one admin
 * client, and only while someone watches (each read asks the broker for every group's
 * offsets).
 */
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { partitionLag, type GroupTopics } from '@weft/kafka';
import type { LagView } from './dashboard-snapshot';

/** A consumer group to read, and the service it belongs to (its name on the page). */
export interface WatchedGroup extends GroupTopics {
  service: string;
}

export class LagPoller {
  private view: LagView = { wallMs: 0, error: null, groups: [] };
  private timer: NodeJS.Timeout | null = null;
  private connected: Promise<void> | null = null;
  private stopped = false;

  /**
   * @param watched whether anyone watches now: no read is made otherwise.
   */
  constructor(
    private readonly admin: Admin,
    private readonly groups: readonly WatchedGroup[],
    private readonly watched: () => boolean,
    private readonly logger: Logger,
    private readonly intervalMs = 3_000,
  ) {}

  get latest(): LagView {
    return this.view;
  }

  start(): void {
    const again = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.read().finally(again), this.intervalMs);
    };
    void this.read().finally(again);
  }

  /** Reads now if anyone watches (the first watcher need not wait for the next round). */
  async read(): Promise<void> {
    if (this.stopped || !this.watched()) return;
    try {
      this.connected ??= this.admin.connect();
      await this.connected;
      const rows = await partitionLag(this.admin, this.groups);
      this.view = { wallMs: Date.now(), error: null, groups: this.summarise(rows) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      // Said once per kind of failure, not every few seconds while the broker is away.
      if (error !== this.view.error) this.logger.warn({ err }, 'consumer lag: read failed');
      this.connected = null;
      this.view = { ...this.view, error };
    }
  }

  private summarise(rows: Awaited<ReturnType<typeof partitionLag>>): LagView['groups'] {
    return this.groups.map((g) => {
      const byPartition: number[] = [];
      for (const r of rows) {
        if (r.groupId !== g.groupId) continue;
        byPartition[r.partition] = (byPartition[r.partition] ?? 0) + r.lag;
      }
      const filled = Array.from(byPartition, (v) => v ?? 0);
      return { service: g.service, total: filled.reduce((a, b) => a + b, 0), byPartition: filled };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }
}
