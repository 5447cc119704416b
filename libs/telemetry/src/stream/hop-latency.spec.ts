import { HopLatency } from './hop-latency';

describe('HopLatency', () => {
  it('measures each hop once per order, whichever of cause and effect is seen first', () => {
    const h = new HopLatency();
    h.observe('OrderPlaced', 'o1', 0, 1000);
    h.observe('EscrowHeld', 'o1', 0, 1040);
    // Effect seen before its cause (another partition was faster).
    h.observe('EscrowHeld', 'o2', 0, 2100);
    h.observe('OrderPlaced', 'o2', 0, 2000);
    // A second answer of the same kind does not count again.
    h.observe('EscrowHeld', 'o1', 0, 9999);
    const hop = h.report().hops['placed→escrow'];
    expect(hop?.count).toBe(2);
    expect(hop?.p50Ms).toBe(40);
    expect(hop?.maxMs).toBeGreaterThanOrEqual(100);
    expect(hop?.maxMs).toBeLessThan(102);
    expect(h.report().hops['delivered→settled']?.count).toBe(0);
  });

  it('measures how late timer-fired events were produced in wall time, and against the simulated clock', () => {
    // The clock let simulated hour 1 fire at wall 11,000; by wall 11,250 timers up to
    // 1 h 2 min could fire, and everything before 59 min was applied.
    const clock = {
      wallWhenFireable: (simMs: number) => (simMs <= 3_600_000 ? 11_000 : NaN),
      at: (wallMs: number) =>
        wallMs >= 11_250 ? { doneUntilMs: 3_540_000, fireUntilMs: 3_720_000 } : undefined,
    };
    const h = new HopLatency(clock);
    h.observe('OrderDelivered', 'o1', 3_600_000, 11_250);
    h.observe('OrderPlaced', 'o1', 3_600_000, 11_000); // not a timer
    const r = h.report();
    expect(r.timerLateness.count).toBe(1);
    expect(r.timerLateness.p50Ms).toBe(250);
    expect(r.timerLatenessSim?.count).toBe(1);
    expect(r.timerLatenessSim?.maxMs).toBe(0); // the clock had not passed it
    expect(r.timerReorderSim?.p50Ms).toBeGreaterThanOrEqual(119_000);
    expect(r.timerReorderSim?.p50Ms).toBeLessThanOrEqual(121_000);
  });

  it('forgets the oldest orders beyond its bound, so memory stays flat', () => {
    const h = new HopLatency(undefined, 2);
    h.observe('OrderPlaced', 'a', 0, 0);
    h.observe('OrderPlaced', 'b', 0, 0);
    h.observe('OrderPlaced', 'c', 0, 0); // forgets a
    h.observe('EscrowHeld', 'a', 0, 5);
    h.observe('EscrowHeld', 'c', 0, 7);
    expect(h.report().hops['placed→escrow']?.count).toBe(1);
  });
});
