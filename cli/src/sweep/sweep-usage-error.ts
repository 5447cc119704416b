/** A sweep asked for wrongly (a flag, a sweep file, a parameter): `weft sweep` exits 2 with the message. */
export class SweepUsageError extends Error {
  /** Running the same sweep again cannot help: the request itself must change. */
  readonly retriable = false;

  constructor(message: string) {
    super(message);
    this.name = 'SweepUsageError';
  }
}
