/** Which topics a watching verb reads: names from the catalogue, or `all`. */
import { InvalidArgumentError } from 'commander';
import { ALL_TOPICS, type TopicName } from '@weft/contracts';

export const ALL = 'all';

/**
 * A usage error: exit code 2, as for a shell command given a wrong argument (commander's own
 * argument errors exit 1, and say the same thing in their words first).
 */
export function usageError(message: string): InvalidArgumentError {
  const err = new InvalidArgumentError(message);
  err.exitCode = 2;
  return err;
}

/**
 * One more topic argument: `all`, or a catalogue name such as `orders.placed`. Resolves the
 * topics chosen so far, each once.
 */
export function parseTopic(value: string, previous: readonly TopicName[] = []): TopicName[] {
  if (value === ALL) return [...ALL_TOPICS];
  if (!(ALL_TOPICS as readonly string[]).includes(value))
    throw usageError(
      `unknown topic "${value}": expected ${ALL} or one of ${ALL_TOPICS.join(', ')}`,
    );
  return [...new Set([...previous, value as TopicName])];
}
