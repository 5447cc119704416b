/** Writes a finished sweep's files: runs.csv, summary.csv, summary.json and sweep.html. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GridPoint } from './grid';
import type { PointSummary, RunRow } from './summary';
import { renderSweepHtml } from './sweep-html';
import { runsTable, summaryJson, summaryTable, toCsv, type SweepMeta } from './sweep-tables';

export interface SweepFiles {
  runsCsv: string;
  summaryCsv: string;
  summaryJson: string;
  html: string;
}

export async function writeSweep(
  dir: string,
  meta: SweepMeta,
  kpiNames: readonly string[],
  points: GridPoint[],
  runs: RunRow[],
  summary: PointSummary[],
): Promise<SweepFiles> {
  await mkdir(dir, { recursive: true });
  const files: SweepFiles = {
    runsCsv: join(dir, 'runs.csv'),
    summaryCsv: join(dir, 'summary.csv'),
    summaryJson: join(dir, 'summary.json'),
    html: join(dir, 'sweep.html'),
  };
  await writeFile(files.runsCsv, await toCsv(runsTable(meta.params, kpiNames, points, runs)));
  await writeFile(files.summaryCsv, await toCsv(summaryTable(meta.params, kpiNames, summary)));
  await writeFile(
    files.summaryJson,
    `${JSON.stringify(summaryJson(meta, kpiNames, summary), null, 2)}\n`,
  );
  await writeFile(files.html, renderSweepHtml(meta, kpiNames, summary));
  return files;
}
