/**
 * The simulated clock with backpressure. Simulated time passes only as far as the
 * pipeline has caught up: every event is counted, in the transaction that emits it, as
 * reactions owed (one per role that reacts to its type) in the window of its simulated
 * time, and each reaction pays its debt in the transaction that applies it. The lowest
 * window that still owes is the frontier: everything before it has been applied by
 * every role. The coordinator (the run's driver) publishes the frontier and how far
 * timers may fire; the services fire their timers by it, never by the wall clock.
 *
 * An emitted event is never earlier than its cause, so a window that owes nothing, with
 * every earlier window settled, stays settled: the frontier never has to move back.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import { RunKeys } from '@weft/contracts';
import { HOUR_MS, reactionsTo, type AnyEvent } from '@weft/domain';
import type { RunConfig } from './run-config';

/** Where the clock lives in Redis, under the run's key prefix. */
export const ClockKeys = {
  /** Hash: window index → reactions still owed by events of that window. */
  owed: RunKeys.clockOwed,
  /** Sorted set of the windows that may still owe (score = index), lowest first. */
  windows: RunKeys.clockWindows,
  /** The last published state (JSON), for a service that starts or reconnects mid-run. */
  state: RunKeys.clockState,
  /** Pub/sub channel of the run's clock (channels take no key prefix: it is added here). */
  channel: (keyPrefix: string) => `${keyPrefix}clock`,
};

export interface ClockState {
  /** Publication number: a later state has a higher one. */
  seq: number;
  /** Every event at or before this simulated time has been applied by every role. */
  doneUntilMs: number;
  /** Timers at or before this simulated time may fire. */
  fireUntilMs: number;
  /** Wall time at which the coordinator had read the debts this state comes from. */
  wallMs: number;
  /** Every event up to the horizon has been applied. */
  finished: boolean;
}

export const CLOCK_NOT_STARTED: ClockState = {
  seq: 0,
  doneUntilMs: -1,
  fireUntilMs: -1,
  wallMs: 0,
  finished: false,
};

/** The window of simulated time `atMs` falls in: ((k − 1)·grain, k·grain]. */
export function windowOf(atMs: number, grainMs: number): number {
  return Math.ceil(atMs / grainMs);
}

/**
 * Reactions owed and paid by one transaction: emitted events add what their roles owe,
 * applied events pay one each. Written with the batch's state, so a crash loses or
 * doubles no debt (a redelivered event is dropped before it could pay twice).
 */
export class OwedReactions {
  private readonly deltas = new Map<number, number>();

  constructor(private readonly grainMs: number) {}

  emitted(event: AnyEvent): void {
    const n = reactionsTo(event.type);
    if (n > 0) this.add(windowOf(event.atMs, this.grainMs), n);
  }

  applied(event: AnyEvent): void {
    this.add(windowOf(event.atMs, this.grainMs), -1);
  }

  private add(window: number, n: number): void {
    this.deltas.set(window, (this.deltas.get(window) ?? 0) + n);
  }

  /** Adds the debts to the transaction; the accumulator is empty afterwards. */
  writeTo(multi: ChainableCommander): void {
    const opened: (string | number)[] = [];
    for (const [window, delta] of this.deltas) {
      if (delta === 0) continue;
      multi.hincrby(ClockKeys.owed, String(window), delta);
      if (delta > 0) opened.push(window, String(window));
    }
    if (opened.length > 0) multi.zadd(ClockKeys.windows, 'NX', ...opened);
    this.deltas.clear();
  }
}

/**
 * The lowest window that still owes a reaction (−1: none). Settled windows below it are
 * dropped on the way. A negative debt means a reaction was paid twice: a bug, said loudly.
 */
const LOWEST_OWED_LUA = `
while true do
  local top = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #top == 0 then return -1 end
  local owed = tonumber(redis.call('HGET', KEYS[1], top[1]) or '0')
  if owed > 0 then return tonumber(top[1]) end
  if owed < 0 then return redis.error_reply('clock: window ' .. top[1] .. ' owes ' .. owed) end
  redis.call('HDEL', KEYS[1], top[1])
  redis.call('ZREM', KEYS[2], top[1])
end`;

export interface ClockSettings {
  /** Simulated ms per window: the frontier moves in these steps. */
  grainMs: number;
  /** How far past the frontier timers may fire: the most events can be applied out of time order. */
  lookaheadMs: number;
  /** Simulated ms per wall ms at most (Infinity: as fast as the pipeline carries). */
  pace: number;
  horizonMs: number;
}

/** The coordinator's settings for a run, from the config every service of the run shares. */
export function clockSettings(run: RunConfig): ClockSettings {
  const pace = run.clock.paceHoursPerSecond;
  return {
    grainMs: run.clock.grainMs,
    lookaheadMs: run.clock.lookaheadMs,
    pace: pace === null ? Infinity : (pace * HOUR_MS) / 1000,
    horizonMs: run.scenario.horizonHours * HOUR_MS,
  };
}

type LowestOwed = (owed: string, windows: string) => Promise<number>;

/** How often a reach that moves only with the pace is published, at most. */
const PACED_PUBLISH_MS = 10;

/** Computes and publishes the clock; one per run (the driver). */
export class ClockCoordinator {
  private epochWallMs = 0;
  /** Where the paced reach stood at `epochWallMs` (it moves at `pace` from there). */
  private epochSimMs = 0;
  private pace: number;
  private last: ClockState = CLOCK_NOT_STARTED;
  private readonly lowestOwed: LowestOwed;

  constructor(
    private readonly redis: Redis,
    private readonly settings: ClockSettings,
  ) {
    redis.defineCommand('weftLowestOwed', { numberOfKeys: 2, lua: LOWEST_OWED_LUA });
    const fn = (redis as unknown as Record<string, LowestOwed>).weftLowestOwed;
    if (!fn) throw new Error('clock: script weftLowestOwed not defined');
    this.lowestOwed = (a, b) => fn.call(redis, a, b);
    this.pace = settings.pace;
  }

  get state(): ClockState {
    return this.last;
  }

  /** Simulated time zero is now: the pace is measured from here. */
  start(wallMs = Date.now()): void {
    this.epochWallMs = wallMs;
    this.epochSimMs = 0;
  }

  /**
   * Changes the pace from `wallMs` on (simulated ms per wall ms; Infinity: as fast as the
   * pipeline carries). The paced reach goes on from where the clock reaches now, so time
   * the pipeline fell behind a faster pace is not owed to the slower one.
   */
  setPace(pace: number, wallMs = Date.now()): void {
    if (!(pace > 0)) throw new Error(`clock: a pace must be above 0, got ${pace}`);
    this.epochSimMs = Math.max(0, this.last.fireUntilMs);
    this.epochWallMs = wallMs;
    this.pace = pace;
  }

  /** The clock now: from what is still owed, the lookahead, the pace and the horizon. */
  async compute(wallMs = Date.now()): Promise<ClockState> {
    const { grainMs, lookaheadMs, horizonMs } = this.settings;
    const pace = this.pace;
    const lowest = await this.lowestOwed(ClockKeys.owed, ClockKeys.windows);
    const doneUntilMs = lowest < 0 ? horizonMs : Math.min(horizonMs, (lowest - 1) * grainMs);
    const paced = Number.isFinite(pace)
      ? this.epochSimMs + (wallMs - this.epochWallMs) * pace
      : Infinity;
    // The lowest open window fires whole, so the frontier can always move on.
    const reach = lowest < 0 ? horizonMs : lowest * grainMs + lookaheadMs;
    const fireUntilMs = Math.floor(Math.max(0, Math.min(reach, paced, horizonMs)));
    const finished = doneUntilMs >= horizonMs;
    // Stamped once the debts were read: whatever is produced after the stamp was owed when
    // they were read, or its cause was, so the state holds for every later event.
    return { seq: this.last.seq + 1, doneUntilMs, fireUntilMs, wallMs: Date.now(), finished };
  }

  /** Computes the clock and publishes it when it moved; returns it. */
  async tick(wallMs = Date.now()): Promise<ClockState> {
    const next = await this.compute(wallMs);
    const prev = this.last;
    // Under a pace the reach moves on every tick: that alone is told at most every
    // PACED_PUBLISH_MS, so listeners are not woken (nor traces grown) 500 times a second.
    const frontierMoved = next.doneUntilMs !== prev.doneUntilMs || next.finished !== prev.finished;
    const reachMoved =
      next.fireUntilMs !== prev.fireUntilMs && next.wallMs - prev.wallMs >= PACED_PUBLISH_MS;
    if (frontierMoved || reachMoved) {
      this.last = next;
      const json = JSON.stringify(next);
      const channel = ClockKeys.channel(this.redis.options.keyPrefix ?? '');
      await Promise.all([this.redis.set(ClockKeys.state, json), this.redis.publish(channel, json)]);
    }
    return this.last;
  }
}

/** A service's view of the clock: follows the coordinator's messages (and polls, in case one is missed). */
export class ClockFollower {
  private state: ClockState = CLOCK_NOT_STARTED;
  private subscriber: Redis | null = null;
  private poll: NodeJS.Timeout | null = null;
  /** Called whenever the clock moves. */
  onAdvance?: (state: ClockState) => void;
  /** Every state seen, if kept (observers measure timer lateness with it). */
  readonly trace: ClockTrace | null;

  constructor(
    private readonly redis: Redis,
    options: { pollMs?: number; trace?: boolean } = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.trace = options.trace ? new ClockTrace() : null;
  }

  private readonly pollMs: number;

  get now(): ClockState {
    return this.state;
  }

  async start(): Promise<void> {
    const sub = this.redis.duplicate();
    this.subscriber = sub;
    sub.on('message', (_channel: string, message: string) => this.take(message));
    await sub.subscribe(ClockKeys.channel(this.redis.options.keyPrefix ?? ''));
    await this.refresh();
    const again = () => {
      this.poll = setTimeout(() => {
        this.refresh().then(again, again);
      }, this.pollMs);
    };
    again();
  }

  private async refresh(): Promise<void> {
    const raw = await this.redis.get(ClockKeys.state);
    if (raw) this.take(raw);
  }

  private take(json: string): void {
    const next = JSON.parse(json) as ClockState;
    // Messages and polls may cross: the clock only moves forward.
    if (next.seq <= this.state.seq) return;
    this.state = next;
    this.trace?.record(next);
    this.onAdvance?.(next);
  }

  async stop(): Promise<void> {
    if (this.poll) clearTimeout(this.poll);
    this.poll = null;
    await this.subscriber?.quit().catch(() => undefined);
  }
}

/**
 * The clock's history as one process saw it: when each simulated time became fireable,
 * and where the frontier stood at a wall instant. For timer lateness and the clock tests.
 */
export class ClockTrace {
  private readonly wall: number[] = [];
  private readonly fire: number[] = [];
  private readonly done: number[] = [];

  record(s: ClockState): void {
    this.wall.push(s.wallMs);
    this.fire.push(s.fireUntilMs);
    this.done.push(s.doneUntilMs);
  }

  get length(): number {
    return this.wall.length;
  }

  /** The wall time at which timers at `atMs` could first fire (NaN: not yet seen). */
  wallWhenFireable(atMs: number): number {
    const i = lowerBound(this.fire, atMs);
    return i < this.fire.length ? (this.wall[i] ?? NaN) : NaN;
  }

  /** The last state published at or before `wallMs` (undefined: none yet). */
  at(wallMs: number): { doneUntilMs: number; fireUntilMs: number } | undefined {
    const i = lowerBound(this.wall, wallMs + 1) - 1;
    if (i < 0) return undefined;
    return { doneUntilMs: this.done[i] ?? -1, fireUntilMs: this.fire[i] ?? -1 };
  }
}

/** The first index whose value is ≥ x in an ascending array. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
