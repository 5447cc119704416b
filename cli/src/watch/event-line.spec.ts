import { formatEventLine, formatField, formatTraceLine, reactorsOf, simTime } from './event-line';

describe('event lines', () => {
  it('writes simulated time as day and clock', () => {
    expect(simTime(0)).toBe('d0 00:00:00.000');
    expect(simTime(86_400_000 + 6 * 3_600_000 + 30 * 60_000 + 4_250)).toBe('d1 06:30:04.250');
    expect(simTime(3_600_000, 'T')).toBe('d0T01:00:00.000');
  });

  it('reads a field’s unit from its name', () => {
    expect(formatField('shopId', 3)).toBe('shop=s3');
    expect(formatField('workshopId', 7)).toBe('workshop=w7');
    expect(formatField('consumerId', 12)).toBe('consumer=12');
    expect(formatField('totalCents', 3750)).toBe('total=37.50');
    expect(formatField('workshopCents', 3390)).toBe('workshopPay=33.90');
    expect(formatField('wantedByMs', 36 * 3_600_000)).toBe('wantedBy=d1T12:00:00.000');
    expect(formatField('markup', 0.1234)).toBe('markup=0.12');
    expect(formatField('invited', [4, 7])).toBe('invited=[4,7]');
    expect(formatField('invited', [1, 2, 3, 4, 5, 6])).toBe('invited=[6]');
    expect(formatField('spans', [{ fromMs: 0, toMs: 1, overtime: false }])).toBe('spans=[1]');
    expect(formatField('reason', 'no-bids')).toBe('reason=no-bids');
  });

  it('shows an event on one line: simulated time, type, order, fields', () => {
    const line = formatEventLine({
      v: 1,
      id: 'o42:placed',
      type: 'OrderPlaced',
      atMs: 3_761_721,
      orderId: 'o42',
      data: { consumerId: 42, shopId: 3, quantity: 2, totalCents: 4930 },
    });
    expect(line).toBe(
      'd0 01:02:41.721  OrderPlaced          o42      consumer=42 shop=s3 quantity=2 total=49.30',
    );
  });

  it('shows a journey step with wall time, topic and the roles that react', () => {
    const wallMs = new Date(2026, 0, 1, 15, 24, 13, 635).getTime();
    const line = formatTraceLine({
      topic: 'orders.delivered',
      wallMs,
      event: { v: 1, id: 'x', type: 'OrderDelivered', atMs: 0, orderId: 'o1', data: {} },
    });
    expect(line).toMatch(
      /^d0 00:00:00\.000 {2}15:24:13\.635 {2}orders\.delivered +OrderDelivered +→ consumers,payments/,
    );
    expect(reactorsOf('OrderShipped')).toBe('-');
  });
});
