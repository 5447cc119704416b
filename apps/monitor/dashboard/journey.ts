/** The order journey view: an order's events across topics and services, on a timeline. */
import type { JourneyView, OrderRef } from '../src/dashboard-snapshot';
import { clockTime } from './charts';
import { byId, fillTable, setText, simTime, type Cell } from './dom';

/** Wires the form; a sample order's button opens its journey too. */
export function wireJourney(): void {
  byId<HTMLFormElement>('journey-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void openJourney(byId<HTMLInputElement>('journey-id').value.trim());
  });
}

/** The order shown, while it has not ended: it is fetched again as the run goes on. */
let following: string | null = null;
const ENDED = new Set(['settled', 'refunded']);

export async function openJourney(orderId: string): Promise<void> {
  byId<HTMLInputElement>('journey-id').value = orderId;
  setText('journey-status', `loading ${orderId}…`);
  following = null;
  await load(orderId);
}

/** Fetches the followed order again (called with each snapshot). */
export function followJourney(): void {
  if (following) void load(following);
}

async function load(orderId: string): Promise<void> {
  const res = await fetch(`orders/${encodeURIComponent(orderId)}`);
  const body = (await res.json()) as JourneyView & { message?: string };
  // Another order was opened meanwhile.
  if (byId<HTMLInputElement>('journey-id').value !== orderId) return;
  if (!res.ok) {
    setText('journey-status', body.message ?? `${res.status} ${res.statusText}`);
    fillTable('journey', [], [], '');
    following = null;
    return;
  }
  following = ENDED.has(body.stage) ? null : orderId;
  showJourney(body);
}

function showJourney(j: JourneyView): void {
  const first = j.steps[0];
  const last = j.steps.at(-1);
  const span = first && last ? Math.max(1, last.atMs - first.atMs) : 1;
  setText(
    'journey-status',
    `${j.orderId}: ${j.stage}, ${j.steps.length} events over ${first && last ? hours(last.atMs - first.atMs) : '0 h'} simulated`,
  );
  const rows: Cell[][] = j.steps.map((s) => [
    s.type,
    s.topic,
    s.service,
    simTime(s.atMs),
    first ? `+${hours(s.atMs - first.atMs)}` : '',
    clockTime(s.wallMs),
    first ? `+${s.wallMs - first.wallMs}` : '',
    mark(first ? (s.atMs - first.atMs) / span : 0),
  ]);
  fillTable(
    'journey',
    ['event', 'topic', 'service', 'simulated', '#since placed', 'wall', '#wall ms', 'timeline'],
    rows,
    'no events',
  );
}

/** Buttons for the sampled orders, each opening its journey. */
export function showSamples(id: string, orders: OrderRef[]): void {
  const target = byId(id);
  const shown = [...target.children].map((b) => b.textContent).join(',');
  if (shown === orders.map((o) => o.orderId).join(',')) return;
  target.replaceChildren(
    ...orders.map((o) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'order-link';
      b.textContent = o.orderId;
      b.title = o.stage;
      b.addEventListener('click', () => void openJourney(o.orderId));
      return b;
    }),
  );
}

/** A position on the order's simulated timeline (0 = placed, 1 = its last event). */
function mark(at: number): Node {
  const bar = document.createElement('div');
  bar.className = 'bar';
  const dot = document.createElement('i');
  dot.style.left = `calc(${(at * 100).toFixed(1)}% - 3px)`;
  bar.append(dot);
  return bar;
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return `${h < 10 ? h.toFixed(2) : h.toFixed(1)} h`;
}
