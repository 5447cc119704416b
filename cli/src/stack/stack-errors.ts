/** The one error type of the stack verbs: says what went wrong and whether a retry can help. */
export class StackError extends Error {
  /** True when running the same command again may succeed (a slow start, a busy port). */
  readonly retriable: boolean;

  constructor(message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StackError';
    this.retriable = options.retriable;
  }
}

/**
 * The `code` of a Node system error (ENOENT, ESRCH…). Not `instanceof Error`: errors from
 * Node's own modules come from another realm under jest, and would fail that test.
 */
export function systemErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}
