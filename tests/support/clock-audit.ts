/**
 * Checks the distributed engine's simulated clock against the events themselves: no
 * event a role reacts to was produced after the clock's frontier had passed its time (the
 * frontier may pass only what every role has applied).
 */
import { reactionsTo, type AnyEvent } from '@weft/domain';
import { ClockTrace } from '@weft/kafka';

export class ClockAudit {
  readonly trace = new ClockTrace();
  checked = 0;
  /** Events produced when the frontier had passed them already, with the frontier then. */
  readonly passed: { id: string; atMs: number; doneUntilMs: number }[] = [];
  private readonly pending: [AnyEvent, number][] = [];

  /** Sees one produced event; checked once the run is over and the clock's history is known. */
  observe = (e: AnyEvent, producedWallMs: number): void => {
    if (reactionsTo(e.type) > 0) this.pending.push([e, producedWallMs]);
  };

  check(): this {
    for (const [e, wallMs] of this.pending) {
      const at = this.trace.at(wallMs);
      this.checked++;
      if (at && at.doneUntilMs >= e.atMs)
        this.passed.push({ id: e.id, atMs: e.atMs, doneUntilMs: at.doneUntilMs });
    }
    this.pending.length = 0;
    return this;
  }
}
