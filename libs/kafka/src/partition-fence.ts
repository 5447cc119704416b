/**
 * Fencing: a write from an instance that no longer owns a partition is refused.
 *
 * Each time an instance joins its consumer group it claims the partitions it was given:
 * it writes its token (instance, member id, join count) to each partition's fence key.
 * A transaction then commits only under WATCH of the fence keys of the partitions its
 * events came from, and of the run's epoch: if either moved since the check (a new owner
 * claimed a partition while this instance was paused past its session timeout, or Redis
 * lost the run), EXEC is aborted and nothing of the batch is written. The check and the
 * commit are one atomic step, so no gap is left between "seen" and MULTI.
 *
 * WATCH belongs to a connection, so the fence has one of its own, used only for these
 * transactions; the runner applies one group at a time.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import { RunKeys } from '@weft/contracts';
import { describeRunLoss, runLost } from './run-config';

/** A batch from partitions this instance no longer owns: dropped, the owner applies it. */
export class FencedError extends Error {
  readonly retriable = true;
  constructor(message: string) {
    super(message);
    this.name = 'FencedError';
  }
}

/** Redis no longer holds the run: nothing can be applied, the run must stop loudly. */
export class RunLostError extends Error {
  readonly retriable = false;
  constructor(message: string) {
    super(message);
    this.name = 'RunLostError';
  }
}

export type ExecResult = [Error | null, unknown][];

export class PartitionFence {
  private joins = 0;
  private token = '';
  private claiming: Promise<void> = Promise.resolve();

  /** `redis` must be a connection of the fence's own (see above). */
  constructor(
    private readonly redis: Redis,
    private readonly service: string,
    private readonly instanceId: string,
    private readonly epoch: string,
  ) {}

  /** The token of the current membership: a batch fetched under it carries it. */
  get current(): string {
    return this.token;
  }

  /** Claims the partitions a group join gave this member (any topic: they are co-partitioned). */
  claim(memberId: string, assignment: Record<string, number[]>): void {
    const token = `${this.instanceId}/${memberId}/${++this.joins}`;
    this.token = token;
    const partitions = [...new Set(Object.values(assignment).flat())];
    const pairs = partitions.flatMap((p) => [RunKeys.fence(this.service, p), token]);
    this.claiming = this.claiming
      .catch(() => undefined)
      .then(async () => {
        if (pairs.length > 0) await this.redis.mset(...pairs);
      });
  }

  /** Resolves once the last claim is written: no batch of a membership is applied before. */
  claimed(): Promise<void> {
    return this.claiming;
  }

  /**
   * Opens a fenced transaction: WATCHes the fence keys of `partitions` and the run's epoch,
   * and reads them together with `alsoRead` (the batch's dedupe markers) in the same round
   * trip. Throws FencedError or RunLostError, having watched nothing, if `token` no longer
   * owns every partition or Redis lost the run; otherwise returns what `alsoRead` holds.
   * `commit` or `abandon` must follow.
   */
  async begin(
    partitions: readonly number[],
    token: string,
    alsoRead: readonly string[],
  ): Promise<(string | null)[]> {
    await this.claiming.catch(() => undefined);
    const keys = this.keysOf(partitions);
    const [, values] = await Promise.all([
      this.redis.watch(...keys),
      this.redis.mget(...keys, ...alsoRead),
    ]);
    const refusal = this.refusal(partitions, token, values);
    if (refusal) {
      await this.redis.unwatch();
      throw refusal;
    }
    return values.slice(keys.length);
  }

  /** Leaves a transaction `begin` opened without writing anything. */
  async abandon(): Promise<void> {
    await this.redis.unwatch();
  }

  /**
   * Commits what `fill` adds to a MULTI, opened by `begin`: only if no watched key moved
   * since. Throws FencedError or RunLostError, having written nothing, otherwise.
   */
  async commit(
    partitions: readonly number[],
    token: string,
    fill: (multi: ChainableCommander) => void,
  ): Promise<ExecResult> {
    const multi = this.redis.multi();
    fill(multi);
    const result = await multi.exec();
    if (result) return result;
    // Aborted: a watched key moved between `begin` and EXEC. Say which.
    throw (
      this.refusal(partitions, token, await this.redis.mget(...this.keysOf(partitions))) ??
      new FencedError(`${this.service}: a fence moved during the transaction; batch dropped`)
    );
  }

  private keysOf(partitions: readonly number[]): string[] {
    return [RunKeys.epoch, ...partitions.map((p) => RunKeys.fence(this.service, p))];
  }

  private refusal(
    partitions: readonly number[],
    token: string,
    values: (string | null)[],
  ): Error | undefined {
    if (values[0] !== this.epoch) return new RunLostError(describeRunLoss(values[0], this.epoch));
    const lost = partitions.filter((_, i) => values[i + 1] !== token);
    if (lost.length === 0) return undefined;
    const owners = [...new Set(lost.map((p) => values[partitions.indexOf(p) + 1] ?? 'nobody'))];
    return new FencedError(
      `${this.service}: partitions ${lost.join(',')} are no longer this member's (${token}); now ${owners.join(', ')}: batch dropped`,
    );
  }

  /** Says what is wrong with the run in Redis, if anything (for loops outside a batch). */
  lost(): Promise<string | undefined> {
    return runLost(this.redis, this.epoch);
  }
}
