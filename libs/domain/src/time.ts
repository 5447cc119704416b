/** Simulated time: milliseconds since the scenario's start, which is midnight of day 0. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function hourOfDay(simMs: number): number {
  return Math.floor((simMs % DAY_MS) / HOUR_MS);
}

export function hours(simMs: number): number {
  return simMs / HOUR_MS;
}
