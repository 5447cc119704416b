import { DeadLetterHeaders } from '@weft/contracts';
import { renderMessage } from './tail.command';
import { parseFilter } from './watch/event-filter';

const envelope =
  '{"v":1,"id":"o4:placed","type":"OrderPlaced","atMs":189527,"orderId":"o4","data":{"consumerId":4,"shopId":5,"quantity":4}}';
const message = (value: string | null, headers: Record<string, string> = {}) => ({
  value: value === null ? null : Buffer.from(value),
  headers,
});

describe('weft tail output', () => {
  it('prints an event as it travelled with --json, and as a line without', () => {
    expect(renderMessage('orders.placed', message(envelope), { filter: [], json: true })).toBe(
      envelope,
    );
    expect(renderMessage('orders.placed', message(envelope), { filter: [], json: false })).toBe(
      'd0 00:03:09.527  OrderPlaced          o4       consumer=4 shop=s5 quantity=4',
    );
  });

  it('leaves out what the filters do not match, records that are no events among them', () => {
    const filter = parseFilter('shopId=s6');
    expect(
      renderMessage('orders.placed', message(envelope), { filter, json: true }),
    ).toBeUndefined();
    const usage = '{"v":1,"kind":"usage","service":"shops","events":3}';
    expect(
      renderMessage('capacity.usage', message(usage), { filter, json: false }),
    ).toBeUndefined();
    expect(renderMessage('capacity.usage', message(usage), { filter: [], json: false })).toBe(
      'capacity.usage  kind=usage service=shops events=3',
    );
  });

  it('says why a dead letter was refused, and where it came from', () => {
    const headers = {
      [DeadLetterHeaders.reason]: 'event.type: unknown event type',
      [DeadLetterHeaders.sourceTopic]: 'r1.orders.placed',
      [DeadLetterHeaders.service]: 'payments',
    };
    expect(
      renderMessage('weft.dlq', message('{"nope":1}', headers), { filter: [], json: false }),
    ).toBe('weft.dlq  from r1.orders.placed (payments): event.type: unknown event type');
    const json = renderMessage('weft.dlq', message('{"nope":1}', headers), {
      filter: [],
      json: true,
    });
    expect(JSON.parse(json ?? '')).toMatchObject({
      deadLetter: { reason: 'event.type: unknown event type', service: 'payments' },
      value: '{"nope":1}',
    });
  });

  it('prints what is not JSON as its size, never its bytes', () => {
    expect(
      renderMessage('capacity.scaled', message('\u0000garbage'), { filter: [], json: false }),
    ).toBe('capacity.scaled  (not JSON, 8 bytes)');
  });
});
