import { EMITTED_BY, type EventType, type Reactor } from '@weft/domain';
import { DesEngine } from '@weft/engine-des';
import { smallScenario, smallTraditional } from '../../../tests/support/scenarios';

describe('EMITTED_BY', () => {
  it('names the role that emits each event of a small world short of workshops, and of the traditional chain', () => {
    // Too few workshops for the demand: some RFQs find no bid, so orders are cancelled too.
    const s = smallScenario();
    const workshops = { ...s.workshops, count: 6 };
    const seen = new Map<EventType, Set<string>>();
    record(new DesEngine({ ...s, workshops, durationHours: 12, horizonHours: 96 }), seen);
    record(new DesEngine(smallTraditional()), seen);
    expect([...seen.keys()].sort()).toEqual(Object.keys(EMITTED_BY).sort());
    for (const [type, by] of seen) expect([type, [...by]]).toEqual([type, [EMITTED_BY[type]]]);
  });
});

/** Runs the engine, noting which role was reacting when each event type was emitted. */
function record(engine: DesEngine, seen: Map<EventType, Set<string>>): void {
  // The role reacting now; the consumers start the run (its first arrivals and tick).
  let reacting = 'consumers';
  const note = (type: EventType) => seen.set(type, (seen.get(type) ?? new Set()).add(reacting));
  const deliver = engine.queue.push.bind(engine.queue);
  engine.queue.push = (e) => {
    note(e.type);
    deliver(e);
  };
  // The wholesalers open the run too (each warehouse's first tick).
  const start = engine.wholesalers.start.bind(engine.wholesalers);
  engine.wholesalers.start = (ctx) => {
    reacting = 'wholesalers';
    start(ctx);
  };
  const roles: Reactor[] = [
    engine.consumers,
    engine.shops,
    engine.bidding,
    engine.payments,
    engine.wholesalers,
  ];
  for (const role of roles) {
    const react = role.react.bind(role);
    role.react = (e, ctx) => {
      reacting = role.name;
      react(e, ctx);
    };
  }
  engine.run();
}
