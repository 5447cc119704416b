/**
 * Whether the service can still do its work. A part that fails for good (a consumer that
 * kafkajs will not restart, a run Redis lost) says so here: /health answers 503 with the
 * reason, and the process exits soon after with a non-zero code, so that its supervisor
 * (Kubernetes, compose, `weft run`) restarts it rather than leave it looking alive.
 */
import { Injectable } from '@nestjs/common';

/** Exit code of a service that failed for good after it had started. */
export const EXIT_FAILED = 70; // EX_SOFTWARE
/** How long /health says why before the process exits (a probe can read it). */
const EXIT_AFTER_MS = 1_000;

@Injectable()
export class ServiceHealth {
  private reason: string | null = null;

  get failure(): string | null {
    return this.reason;
  }

  /** How the process is stopped: the graceful path (SIGTERM), with the failure's exit code. */
  stop = (): void => {
    process.exitCode = EXIT_FAILED;
    process.kill(process.pid, 'SIGTERM');
  };

  /** Marks the service failed (the first reason is kept) and stops the process shortly. */
  fail(reason: string): void {
    if (this.reason !== null) return;
    this.reason = reason;
    setTimeout(() => this.stop(), EXIT_AFTER_MS).unref();
  }
}
