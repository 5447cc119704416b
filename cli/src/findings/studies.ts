/**
 * The studies `weft findings` runs: each a question, the worlds it compares and the
 * parameters it sweeps, and the KPIs that answer it. The worlds are the shipped scenarios,
 * changed in the open here so a reader sees exactly what was run.
 */
import type { Scenario } from '@weft/domain';
import type { KpiName } from '../sweep/kpis';
import type { SweepParam } from '../sweep/param-values';

export interface World {
  label: string;
  scenario: string;
  /** What this world changes in the scenario file, applied before the sweep's parameters. */
  change?: (s: Scenario) => Scenario;
}

export interface Study {
  id: string;
  title: string;
  question: string;
  worlds: World[];
  params: SweepParam[];
  kpis: KpiName[];
}

const LABOUR: KpiName[] = [
  'workerIncomePerWorkerDay',
  'hoursPerWorkerDayP50',
  'hoursPerWorkerDayP90',
  'over11hShare',
  'nightShare',
  'meanWinningMarkup',
  'labourShare',
  'workshopMarginShare',
];

/**
 * Three days of demand, the first a warm-up, so that mark-ups, ratings and queues have
 * settled by the day that is measured and the day after it.
 */
function settled(s: Scenario): Scenario {
  return { ...s, durationHours: 72, horizonHours: 216, warmupDays: 1 };
}

/** A Singles'-Day surge (ten times the rate for two hours) at midnight of the third day. */
function surge(s: Scenario): Scenario {
  return {
    ...settled(s),
    demand: { ...s.demand, spikes: [{ atHour: 48, durationHours: 2, factor: 10 }] },
  };
}

export const STUDIES: Study[] = [
  {
    id: 'commission-and-bidding',
    title: 'Commission and bidding intensity',
    question:
      'What do the platform’s commission and the number of workshops invited to each tender do to wages, hours and night work?',
    worlds: [{ label: 'platform', scenario: 'default', change: settled }],
    params: [
      { path: 'payments.commissionRate', values: [0.02, 0.1, 0.2] },
      { path: 'shops.workshopsInvited', values: [3, 6, 12] },
    ],
    kpis: [...LABOUR, 'walkedAwayShare', 'platformShare', 'shopNetMarginShare'],
  },
  {
    id: 'singles-day',
    title: 'A Singles’-Day surge',
    question:
      'What does a surge of ten times the order rate for two hours do to lead times and working hours, and how long until lead times recover?',
    worlds: [
      { label: 'an ordinary day', scenario: 'default', change: settled },
      { label: 'with the surge', scenario: 'default', change: surge },
    ],
    params: [],
    kpis: [
      'leadP50',
      'leadP90',
      'leadP99',
      'onTimeShare',
      'cancelledShare',
      'overtimeShare',
      'hoursPerWorkerDayP90',
      'over11hShare',
      'nightShare',
      'spikeRecoveryHours',
    ],
  },
  {
    id: 'hours-cap',
    title: 'A cap on working hours',
    question:
      'What does capping a worker’s day at its 12-hour shift (no overtime at night) cost in lead time and cancellations, and what does it give back in hours?',
    worlds: [{ label: 'platform', scenario: 'default', change: settled }],
    params: [{ path: 'workshops.maxHoursPerWorkerDay', values: [12, 24] }],
    kpis: [
      'leadP50',
      'leadP90',
      'cancelledShare',
      'hoursPerWorkerDayP90',
      'over11hShare',
      'nightShare',
      'workerIncomePerWorkerDay',
    ],
  },
  {
    id: 'platform-and-traditional',
    title: 'The platform chain and the traditional one',
    question:
      'How does the platform chain (customised orders tendered to workshops, 24-hour production) compare with the traditional one (wholesalers, batches for stock, weeks of lead time, day shifts) on lead time, working hours and earnings?',
    worlds: [
      { label: 'platform', scenario: 'default', change: settled },
      // Its own eight weeks, the first four a warm-up (scenarios/traditional.yaml).
      { label: 'traditional', scenario: 'traditional' },
    ],
    params: [],
    kpis: [
      'meanListing',
      'walkedAwayShare',
      'leadP50',
      'leadP90',
      'supplyLeadDaysP50',
      'cancelledShare',
      'hoursPerWorkerDayP50',
      'hoursPerWorkerDayP90',
      'over11hShare',
      'nightShare',
      'idleWorkerDayShare',
      'workerIncomePerWorkerDay',
      'labourShare',
      'workshopMarginShare',
      'wholesalerShare',
      'platformShare',
      'stockAtEndDays',
    ],
  },
  {
    id: 'automation',
    title: 'Automation under platform price pressure',
    question:
      'Half the workshops take half the minutes a unit, at a capital cost: does it pay when bids are cost-plus and the tender goes to the cheapest?',
    worlds: [
      { label: 'platform', scenario: 'default', change: settled },
      { label: 'half automated', scenario: 'automation', change: settled },
    ],
    params: [],
    kpis: [
      'meanWinningBid',
      'automatedOrderShare',
      'wageBillShare',
      'ownersMarginShare',
      'capitalCostShare',
      'ownersMarginAfterCapitalShare',
      'manualNetMarginPerLineDay',
      'automatedNetMarginPerLineDay',
      'hoursPerWorkerDayP50',
    ],
  },
];
