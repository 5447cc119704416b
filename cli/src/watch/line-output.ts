/**
 * Lines to stdout for a verb that runs until stopped: waits when the reader is slower
 * (backpressure reaches Kafka: the next batch is fetched once this one is written), and
 * notices when the reader goes away (`| head` closes the pipe: EPIPE), so the verb stops
 * instead of dying on the error.
 */
import { once } from 'node:events';
import { systemErrorCode } from '../stack/stack-errors';

export class LineOutput {
  private closedBy: Error | undefined;
  private gone = false;
  /** Resolves when the reader has gone away. */
  readonly closed: Promise<void>;

  constructor(
    private readonly stream: NodeJS.WritableStream & { writableLength?: number } = process.stdout,
  ) {
    this.closed = new Promise((resolveClosed) => {
      stream.on('error', (err: unknown) => {
        this.gone = true;
        // EPIPE is the reader leaving: the normal end of `weft tail | head`.
        if (systemErrorCode(err) !== 'EPIPE') this.closedBy = err as Error;
        resolveClosed();
      });
    });
  }

  get isClosed(): boolean {
    return this.gone;
  }

  /** A write error other than the reader leaving, to report once the verb has stopped. */
  get error(): Error | undefined {
    return this.closedBy;
  }

  /** Writes `text`; resolves once the stream takes more (at once unless it is full). */
  async write(text: string): Promise<void> {
    if (this.gone || text === '') return;
    if (this.stream.write(text)) return;
    await Promise.race([once(this.stream, 'drain'), this.closed]);
  }
}
