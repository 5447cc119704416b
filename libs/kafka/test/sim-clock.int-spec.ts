/** The simulated clock against real Redis: what is owed holds it back, what is paid lets it go. */
import { HOUR_MS, type AnyEvent, type EventPayloads, type EventType } from '@weft/domain';
import {
  ClockCoordinator,
  ClockFollower,
  OwedReactions,
  createRedis,
  deleteKeysUnderPrefix,
  type ClockSettings,
} from '@weft/kafka';
import { eventually, runId, testStack } from '../../../tests/support/test-env';

const GRAIN_MS = 1000;
let n = 0;
/** An event of a type at a simulated time (its payload does not matter to the clock). */
const anEvent = <T extends EventType>(type: T, atMs: number): AnyEvent =>
  ({ id: `e${n++}`, type, atMs, orderId: '', data: {} as EventPayloads[T] }) as AnyEvent;

describe('the simulated clock (real Redis)', () => {
  const redisFor = (label: string) =>
    createRedis({ url: testStack().redisUrl, keyPrefix: `${runId(label)}:` });
  const clients: ReturnType<typeof redisFor>[] = [];
  const fresh = (label: string) => {
    const r = redisFor(label);
    clients.push(r);
    return r;
  };
  const settings = (over: Partial<ClockSettings> = {}): ClockSettings => ({
    grainMs: GRAIN_MS,
    lookaheadMs: 0,
    pace: Infinity,
    horizonMs: 10 * HOUR_MS,
    ...over,
  });

  afterAll(async () => {
    for (const r of clients) {
      await deleteKeysUnderPrefix(r);
      await r.quit();
    }
  });

  /** Writes what one transaction owes and pays, as a role runner does. */
  async function commit(
    redis: ReturnType<typeof redisFor>,
    applied: AnyEvent[],
    emitted: AnyEvent[],
  ): Promise<void> {
    const owed = new OwedReactions(GRAIN_MS);
    for (const e of applied) owed.applied(e);
    for (const e of emitted) owed.emitted(e);
    const multi = redis.multi();
    owed.writeTo(multi);
    await multi.exec();
  }

  it('stops at the first event some role has not applied, and moves on once every role has', async () => {
    const redis = fresh('clock-hold');
    const clock = new ClockCoordinator(redis, settings());
    clock.start();
    // An arrival at 5 s (one role reacts) and a delivery at 30 s (two roles react).
    const arrival = anEvent('ArrivalDue', 5_000);
    const delivered = anEvent('OrderDelivered', 30_000);
    await commit(redis, [], [arrival, delivered]);

    let s = await clock.tick();
    expect(s.doneUntilMs).toBe(4_000); // the frontier stops before the arrival's window
    expect(s.fireUntilMs).toBe(5_000); // the lowest open window fires whole
    // The arrival is applied and places an order at the same instant: still owed.
    const placed = anEvent('OrderPlaced', 5_000);
    await commit(redis, [arrival], [placed]);
    expect((await clock.tick()).doneUntilMs).toBe(4_000);
    await commit(redis, [placed], []);
    s = await clock.tick();
    expect(s.doneUntilMs).toBe(29_000);
    // One of the delivery's two roles has applied it: the clock still waits for the other.
    await commit(redis, [delivered], []);
    expect((await clock.tick()).doneUntilMs).toBe(29_000);
    await commit(redis, [delivered], []);
    s = await clock.tick();
    expect(s.doneUntilMs).toBe(10 * HOUR_MS);
    expect(s.finished).toBe(true);
  });

  it('fires timers no further ahead than the lookahead, and no faster than the pace', async () => {
    const redis = fresh('clock-reach');
    const ahead = new ClockCoordinator(redis, settings({ lookaheadMs: 55_000 }));
    ahead.start();
    await commit(redis, [], [anEvent('RfqClosed', 100_000), anEvent('RfqClosed', 3_600_000)]);
    expect((await ahead.compute()).fireUntilMs).toBe(155_000);

    // One simulated hour per wall second (3,600 simulated ms per wall ms): 0.5 wall s
    // after the start, half an hour at most.
    const paced = new ClockCoordinator(redis, settings({ lookaheadMs: 1e9, pace: 3600 }));
    paced.start(1_000_000);
    expect((await paced.compute(1_000_500)).fireUntilMs).toBe(1_800_000);
  });

  it('never passes the horizon, and finishes there though later timers never fire', async () => {
    const redis = fresh('clock-horizon');
    const clock = new ClockCoordinator(redis, settings({ horizonMs: 60_000, lookaheadMs: 1e9 }));
    clock.start();
    const last = anEvent('OrderDelivered', 60_000);
    await commit(redis, [], [last, anEvent('OrderDelivered', 61_000)]);
    let s = await clock.tick();
    expect(s.fireUntilMs).toBe(60_000);
    expect(s.finished).toBe(false);
    await commit(redis, [last, last], []);
    s = await clock.tick();
    expect(s.doneUntilMs).toBe(60_000);
    expect(s.finished).toBe(true);
  });

  it('says so loudly when a reaction is paid twice', async () => {
    const redis = fresh('clock-twice');
    const clock = new ClockCoordinator(redis, settings());
    const e = anEvent('ArrivalDue', 2_000);
    await commit(redis, [], [e]);
    await commit(redis, [e, e], []);
    await expect(clock.tick()).rejects.toThrow(/window 2 owes -1/);
  });

  it('reaches the services: a follower sees every move, in order', async () => {
    const redis = fresh('clock-follow');
    const clock = new ClockCoordinator(redis, settings());
    const own = redis.duplicate();
    clients.push(own);
    const follower = new ClockFollower(own, { trace: true });
    const seen: number[] = [];
    follower.onAdvance = (s) => seen.push(s.doneUntilMs);
    await follower.start();
    clock.start();
    const events = [anEvent('ArrivalDue', 3_000), anEvent('ArrivalDue', 7_000)];
    await commit(redis, [], events);
    await clock.tick();
    await commit(redis, [events[0] as AnyEvent], []);
    await clock.tick();
    await eventually('the follower to see both moves', () => (seen.length >= 2 ? true : undefined));
    expect(seen).toEqual([2_000, 6_000]);
    expect(follower.now.fireUntilMs).toBe(7_000);
    expect(follower.trace?.wallWhenFireable(7_000)).toBe(follower.now.wallMs);
    await follower.stop();
  });
});
