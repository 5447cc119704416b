/** How a watched event reads in a terminal: one line, simulated time first. */
import { DAY_MS, HOUR_MS, MINUTE_MS, RoleHandles, type RoleName } from '@weft/domain';
import type { WireEvent } from './wire-event';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Simulated time as day and clock: `d1 06:30:00.000` (day 0 is the scenario's first). */
export function simTime(simMs: number, separator = ' '): string {
  const day = Math.floor(simMs / DAY_MS);
  const inDay = simMs - day * DAY_MS;
  const clock = `${pad(Math.floor(inDay / HOUR_MS))}:${pad(Math.floor((inDay % HOUR_MS) / MINUTE_MS))}:${pad(Math.floor((inDay % MINUTE_MS) / 1000))}`;
  return `d${day}${separator}${clock}.${pad(Math.floor(inDay % 1000), 3)}`;
}

/** Wall time of day on this machine's clock: `15:20:01.123`. */
export function wallTime(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

const money = (cents: number) => (cents / 100).toFixed(2);

/** An amount paid to a party (`workshopCents`) must not read as that party's id (`workshop=w8`). */
const moneyName = (name: string) =>
  name === 'shop' || name === 'workshop' || name === 'consumer' ? `${name}Pay` : name;

/** Lists longer than this show their length only. */
const LIST_SHOWN = 5;

/**
 * One payload field as `name=value`, its unit read from its name as the project writes
 * them: `shopId` 3 → `shop=s3`, `totalCents` 3750 → `total=37.50`, `wantedByMs` → `wantedBy=d1T12:00:00.000`.
 */
export function formatField(name: string, value: unknown): string {
  if (typeof value === 'number') {
    if (name === 'shopId') return `shop=s${value}`;
    if (name === 'workshopId') return `workshop=w${value}`;
    if (name.endsWith('Id')) return `${name.slice(0, -2)}=${value}`;
    if (name.endsWith('Cents')) return `${moneyName(name.slice(0, -5))}=${money(value)}`;
    if (name === 'wallMs') return `wall=${wallTime(value)}`;
    if (name.endsWith('Ms')) return `${name.slice(0, -2)}=${simTime(value, 'T')}`;
    return `${name}=${Number.isInteger(value) ? value : value.toFixed(2)}`;
  }
  if (Array.isArray(value)) {
    const scalars = value.every((v) => typeof v !== 'object');
    return scalars && value.length <= LIST_SHOWN
      ? `${name}=[${value.join(',')}]`
      : `${name}=[${value.length}]`;
  }
  if (typeof value === 'object' && value !== null) return `${name}={…}`;
  return `${name}=${String(value)}`;
}

export function formatFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([name, value]) => formatField(name, value))
    .join(' ');
}

/** Event types are at most this long (`ProductionScheduled`): the columns after them line up. */
const TYPE_WIDTH = 19;
const ORDER_WIDTH = 7;

/** `d0 06:12:04.250  OrderPlaced          o42      shop=s3 consumer=17 …` */
export function formatEventLine(e: WireEvent): string {
  const order = e.orderId === '' ? '-' : e.orderId;
  return `${simTime(e.atMs)}  ${e.type.padEnd(TYPE_WIDTH)}  ${order.padEnd(ORDER_WIDTH)}  ${formatFields(e.data)}`;
}

/** A record that is not an event (capacity usage and scaling): its kind, then its fields. */
export function formatRecordLine(topic: string, record: Record<string, unknown>): string {
  const rest = Object.fromEntries(Object.entries(record).filter(([k]) => k !== 'v'));
  return `${topic}  ${formatFields(rest)}`;
}

/** The roles that react to an event type: where the event goes next. */
export function reactorsOf(type: string): string {
  const roles = (Object.keys(RoleHandles) as RoleName[]).filter((role) =>
    (RoleHandles[role] as readonly string[]).includes(type),
  );
  return roles.length > 0 ? roles.join(',') : '-';
}

const TOPIC_WIDTH = 19;
const REACTORS_WIDTH = 17;

/** `simulated  wall  topic  event  read by  fields`, one order's event per line. */
export function formatTraceLine(t: { topic: string; event: WireEvent; wallMs: number }): string {
  return [
    simTime(t.event.atMs),
    wallTime(t.wallMs),
    t.topic.padEnd(TOPIC_WIDTH),
    t.event.type.padEnd(TYPE_WIDTH),
    `→ ${reactorsOf(t.event.type)}`.padEnd(REACTORS_WIDTH),
    formatFields(t.event.data),
  ].join('  ');
}
