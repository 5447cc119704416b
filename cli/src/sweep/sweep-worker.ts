/** The pool's worker: one job's scenario run by the in-process engine, reduced to its KPI row. */
import type { Scenario } from '@weft/domain';
import { runDes } from '@weft/engine-des';
import { kpiRow, type KpiRow } from './kpis';

export default function runSweepJob(scenario: Scenario): KpiRow {
  return kpiRow(runDes(scenario), scenario);
}
