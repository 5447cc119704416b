/**
 * The monitor's live dashboard: follows the run's snapshots over server-sent events (one
 * a second; the browser reconnects by itself) and draws them.
 */
import type { DashboardSnapshot } from '../src/dashboard-snapshot';
import { Charts } from './charts';
import { count, fillFigures, fillTable, money, setText, share, simTime } from './dom';
import { followJourney, showSamples, wireJourney } from './journey';

const charts = new Charts();
wireJourney();

const feed = new EventSource('events');
feed.onopen = () => setText('feed', 'live');
feed.onerror = () => setText('feed', 'reconnecting…');
feed.onmessage = (m: MessageEvent<string>) => render(JSON.parse(m.data) as DashboardSnapshot);

function render(s: DashboardSnapshot): void {
  setText('run', s.listening ? `run ${s.run ?? '(unnamed)'}` : 'waiting for a run…');
  header(s);
  charts.rates(s.events.perSecond);
  charts.lag(s.lag);
  setText(
    'lag-note',
    s.lag.error
      ? `last read failed: ${s.lag.error}`
      : s.lag.wallMs
        ? `read ${Math.round((s.wallMs - s.lag.wallMs) / 1000)} s ago`
        : 'not read yet',
  );
  charts.latency(s.latency);
  charts.stages(s.orders);
  setText(
    'stages-note',
    `${count(s.orders.tracked)} journeys kept` +
      (s.orders.forgotten ? `; ${count(s.orders.forgotten)} forgotten before they ended` : ''),
  );
  if (s.leadTime) {
    const w = s.leadTime.within;
    fillFigures('within', [
      ['delivered', count(s.leadTime.delivered)],
      ['within 24 h', share(w.h24)],
      ['within 48 h', share(w.h48)],
      ['within 72 h', share(w.h72)],
    ]);
    charts.leadTime(s.leadTime);
  }
  if (s.utilization) charts.utilization(s.utilization);
  if (s.prices) {
    fillFigures('price-means', [
      ['mean listing', money(s.prices.meanListing)],
      ['mean winning bid', money(s.prices.meanWinningBid)],
      ['mean unit cost', money(s.prices.meanUnitCost)],
    ]);
    charts.prices(s.prices);
  }
  if (s.take)
    fillFigures('take', [
      ['commission', money(s.take.commissionCents)],
      ['of settled value', share(s.take.share)],
      ['settled value', money(s.take.gmvCents)],
      ['orders settled', count(s.take.settled)],
    ]);
  tables(s);
  showSamples('sample-placed', s.recentOrders.placed);
  showSamples('sample-ended', s.recentOrders.ended);
  followJourney();
}

function header(s: DashboardSnapshot): void {
  const c = s.clock;
  setText(
    'sim-clock',
    c ? `${simTime(c.doneUntilMs)}${c.finished ? ' (finished)' : ''}` : 'not started',
  );
  setText(
    'pace',
    c
      ? `${c.paceAsked === null ? 'max' : c.paceAsked} asked · ${c.paceAchieved === null ? '–' : c.paceAchieved.toFixed(2)} now`
      : '–',
  );
  setText('events-total', count(s.events.distinct));
  setText('dead-total', count(s.deadLetters.count));
}

function tables(s: DashboardSnapshot): void {
  fillTable(
    'capacity',
    ['service', '#sim hour', '#instances', '#utilisation', '#cost', '#lag', '#recommended'],
    s.capacity.map((r) => [
      r.service,
      r.hour,
      r.instances,
      share(r.utilization),
      money(r.costCents),
      count(r.consumerLag),
      r.recommendedReplicas,
    ]),
    'no scaling records yet',
  );
  fillTable(
    'dead-letters',
    ['#count', 'refused by', 'reason'],
    s.deadLetters.byReason.map((r) => [count(r.count), r.service, r.reason]),
    'none',
  );
}
