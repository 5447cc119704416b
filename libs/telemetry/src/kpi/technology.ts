/**
 * The workshops' accounts by technology, manual and automated (scenario.workshops.automation):
 * what each group won, earned and paid, the capital the automated lines cost, and how busy
 * their lines were. A fold that adds up across pieces, like the rest of the KPIs.
 *
 * The money is counted as in the run's accounts (build-report.ts, `workshopLabour`): every
 * job awarded after the warm-up, with all its work, wherever that falls. Those jobs are the
 * orders of the days after the warm-up (`accountDays`), so the capital is charged for as
 * many days: in a steady world, a day's orders take a day of the machines.
 */
import { DAY_MS, HOUR_MS, type AnyEvent, type Scenario, type Workshop } from '@weft/domain';

type Scheduled = Extract<AnyEvent, { type: 'ProductionScheduled' }>['data'];
type Awarded = Extract<AnyEvent, { type: 'BidAwarded' }>['data'];

export const TECHNOLOGIES = ['manual', 'automated'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];
const MANUAL = 0;
const AUTOMATED = 1;

/** One group's accounts, in cents where it is money. */
export interface TechnologyReport {
  workshops: number;
  lines: number;
  /** Jobs awarded to its workshops. */
  ordersWon: number;
  revenue: number;
  material: number;
  wageBill: number;
  /** Revenue − material − wage bill. */
  ownersMargin: number;
  /** Its automated lines × the capital per line-day × the days of orders counted. */
  capitalCost: number;
  ownersMarginAfterCapital: number;
  /** The owners' margin after capital, in cents, per line and day of orders counted. */
  netMarginPerLineDay: number;
  /** Share of its lines' hours (round the clock) worked in the measured window. */
  utilization: number;
}

export type ByTechnology = Record<Technology, TechnologyReport>;

/** The days whose orders the accounts count: those after the warm-up. */
export function accountDays(scenario: Scenario): number {
  return Math.max(0, scenario.durationHours / 24 - (scenario.warmupDays ?? 0));
}

/** What a day of an automated line's machines costs, in cents; 0 by hand. */
function capitalCentsPerLineDay(scenario: Scenario, technology: number): number {
  return technology === AUTOMATED
    ? (scenario.workshops.automation?.capitalCentsPerLineDay ?? 0)
    : 0;
}

export class TechnologyFold {
  readonly ordersWon = [0, 0];
  readonly revenueCents = [0, 0];
  readonly materialCents = [0, 0];
  /** Worker time of the jobs, inside the window or not: the wage bill's base. */
  readonly workerMs = [0, 0];
  /** Line time worked inside the window [fromMs, toMs): utilisation's numerator. */
  readonly busyLineMs = [0, 0];
  private readonly technologyOf: Uint8Array;

  constructor(
    private readonly scenario: Scenario,
    private readonly workshops: readonly Workshop[],
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {
    this.technologyOf = Uint8Array.from(workshops, (w) =>
      w.minutesFactor === 1 ? MANUAL : AUTOMATED,
    );
  }

  /** A job won: an award, or a wholesaler's batch (the traditional chain). */
  onAward(d: Pick<Awarded, 'workshopId' | 'category' | 'unitPriceCents' | 'quantity'>): void {
    const t = this.technologyOf[d.workshopId] ?? MANUAL;
    const material = this.scenario.categories[d.category]?.materialCents ?? 0;
    this.ordersWon[t] = (this.ordersWon[t] ?? 0) + 1;
    this.revenueCents[t] = (this.revenueCents[t] ?? 0) + d.unitPriceCents * d.quantity;
    this.materialCents[t] = (this.materialCents[t] ?? 0) + material * d.quantity;
  }

  onProduction(d: Scheduled): void {
    const t = this.technologyOf[d.workshopId] ?? MANUAL;
    const lines = this.workshops[d.workshopId]?.lines ?? 0;
    for (const span of d.spans) {
      this.workerMs[t] = (this.workerMs[t] ?? 0) + (span.toMs - span.fromMs) * d.workers;
      const inside = Math.min(span.toMs, this.toMs) - Math.max(span.fromMs, this.fromMs);
      if (inside > 0) this.busyLineMs[t] = (this.busyLineMs[t] ?? 0) + inside * lines;
    }
  }

  /** The fold as named counters: `tech.<field>.<technology>`, each non-zero one once. */
  *counters(): IterableIterator<[string, number]> {
    for (const [field, xs] of this.fields())
      for (let t = 0; t < TECHNOLOGIES.length; t++)
        if (xs[t] !== 0) yield [`tech.${field}.${TECHNOLOGIES[t]}`, xs[t] ?? 0];
  }

  /** Adds one counter of `counters` (its kind and the rest of its name); false if not ours. */
  add(kind: string, rest: string, value: number): boolean {
    if (kind !== 'tech') return false;
    const [field, name] = rest.split('.');
    const xs = this.fields().find(([f]) => f === field)?.[1];
    const t = TECHNOLOGIES.indexOf(name as Technology);
    if (!xs || t < 0) return false;
    xs[t] = (xs[t] ?? 0) + value;
    return true;
  }

  clear(): void {
    for (const [, xs] of this.fields()) xs.fill(0);
  }

  /**
   * Each group's accounts. The groups add up to the run's totals exactly: the manual
   * group's wage bill is the run's (`wageBill`, rounded once) less the automated group's.
   */
  report(wageBill: number, windowDays: number): ByTechnology {
    const wage = this.scenario.workshops.wageCentsPerHour;
    const days = accountDays(this.scenario);
    const automatedWages = Math.round(((this.workerMs[AUTOMATED] ?? 0) * wage) / HOUR_MS);
    const group = (t: number): TechnologyReport => {
      const members = this.workshops.filter((w) => this.technologyOf[w.id] === t);
      const lines = members.reduce((n, w) => n + w.lines, 0);
      const revenue = this.revenueCents[t] ?? 0;
      const material = this.materialCents[t] ?? 0;
      const wages = t === AUTOMATED ? automatedWages : wageBill - automatedWages;
      const ownersMargin = revenue - material - wages;
      const capitalCost = Math.round(capitalCentsPerLineDay(this.scenario, t) * lines * days);
      return {
        workshops: members.length,
        lines,
        ordersWon: this.ordersWon[t] ?? 0,
        revenue,
        material,
        wageBill: wages,
        ownersMargin,
        capitalCost,
        ownersMarginAfterCapital: ownersMargin - capitalCost,
        netMarginPerLineDay: r4(div(ownersMargin - capitalCost, lines * days)),
        utilization: r4(div((this.busyLineMs[t] ?? 0) / DAY_MS, lines * windowDays)),
      };
    };
    return { manual: group(MANUAL), automated: group(AUTOMATED) };
  }

  private fields(): [string, number[]][] {
    return [
      ['won', this.ordersWon],
      ['revenueCents', this.revenueCents],
      ['materialCents', this.materialCents],
      ['workerMs', this.workerMs],
      ['busyLineMs', this.busyLineMs],
    ];
  }
}

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);
const div = (a: number, b: number) => (b > 0 ? a / b : 0);
