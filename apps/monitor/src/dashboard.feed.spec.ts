import { DashboardFeed, type SseClient } from './dashboard.feed';

/** A client whose socket takes frames only while `ready`, as a slow reader's would. */
class Client implements SseClient {
  frames: string[] = [];
  ready = true;
  ended = false;
  get writableNeedDrain() {
    return !this.ready;
  }
  write(chunk: string) {
    this.frames.push(chunk);
    return this.ready;
  }
  end() {
    this.ended = true;
  }
}

describe('DashboardFeed', () => {
  let n = 0;
  const feed = new DashboardFeed(() => ({ n: ++n }), 2, 60_000);
  afterAll(() => feed.close());

  it('sends a new client the state at once, and each tick one snapshot built once for all', () => {
    const a = new Client();
    const b = new Client();
    feed.add(a);
    feed.add(b);
    const built = n;
    feed.tick();
    expect(n).toBe(built + 1);
    expect(a.frames.at(-1)).toBe(`data: {"n":${n}}\n\n`);
    expect(b.frames.at(-1)).toBe(a.frames.at(-1));
  });

  it('drops frames for a client that has not taken the last one, rather than queue them', () => {
    const [a, b] = [new Client(), new Client()];
    const slow = new DashboardFeed(() => ({}), 2, 60_000);
    slow.add(a);
    slow.add(b);
    b.ready = false;
    for (let i = 0; i < 100; i++) slow.tick();
    expect(a.frames).toHaveLength(101);
    expect(b.frames).toHaveLength(1);
    expect(slow.dropped).toBe(100);
    b.ready = true;
    slow.tick();
    expect(b.frames).toHaveLength(2);
    slow.close();
  });

  it('refuses a client beyond its limit, and ends every stream when closed', () => {
    const c = new Client();
    expect(feed.size).toBe(2);
    expect(feed.add(c)).toBe(false);
    expect(c.frames).toEqual([]);
    const closing = new DashboardFeed(() => ({}), 2, 60_000);
    const d = new Client();
    closing.add(d);
    closing.close();
    expect(d.ended).toBe(true);
    expect(closing.size).toBe(0);
  });
});
