import { ALL_TOPICS } from '@weft/contracts';
import { parseTopic } from './topic-choice';

describe('topic arguments', () => {
  it('takes catalogue names, each once, in the order given', () => {
    const chosen = ['orders.delivered', 'orders.placed', 'orders.delivered'].reduce(
      (previous: ReturnType<typeof parseTopic>, t) => parseTopic(t, previous),
      [],
    );
    expect(chosen).toEqual(['orders.delivered', 'orders.placed']);
  });

  it('reads all as the whole catalogue', () => {
    expect(parseTopic('all')).toEqual([...ALL_TOPICS]);
  });

  it('refuses an unknown topic, naming every choice', () => {
    expect(() => parseTopic('orders.placd')).toThrow(
      `unknown topic "orders.placd": expected all or one of ${ALL_TOPICS.join(', ')}`,
    );
    // A run's prefixed name is not a catalogue name: --run says which run.
    expect(() => parseTopic('r1abc.orders.placed')).toThrow(/unknown topic/);
  });
});
