/** `weft tail <topic…>`: a run's events as they arrive, one line each, or one JSON envelope per line. */
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import type { EachBatchPayload } from 'kafkajs';
import { readDeadLetter, Topics, type TopicName } from '@weft/contracts';
import { groupIdOf } from '@weft/service/env';
import { matchesFilters, parseFilter, type EventFilter } from './watch/event-filter';
import { formatEventLine, formatRecordLine } from './watch/event-line';
import { LineOutput } from './watch/line-output';
import { parseRunId, watchRun } from './watch/run-target';
import { ALL, parseTopic } from './watch/topic-choice';
import { readWireEvent } from './watch/wire-event';

interface TailFlags {
  run?: string;
  filter: EventFilter[];
  fromBeginning: boolean;
  json: boolean;
}

/** What one message shows: a line, or nothing when the filters leave it out. */
export function renderMessage(
  topic: TopicName,
  message: { value: Buffer | null; headers?: Record<string, unknown> },
  flags: Pick<TailFlags, 'filter' | 'json'>,
): string | undefined {
  if (topic === Topics.DeadLetter) return renderDeadLetter(message, flags);
  const event = readWireEvent(message.value);
  if (event) {
    if (!matchesFilters(event, flags.filter)) return undefined;
    // The envelope as it travelled: byte for byte what the services read.
    return flags.json ? message.value?.toString('utf8') : formatEventLine(event);
  }
  // Not an event (capacity records): shown only when nothing is filtered.
  if (flags.filter.length > 0 || message.value === null) return undefined;
  const text = message.value.toString('utf8');
  if (flags.json) return text;
  try {
    return formatRecordLine(topic, JSON.parse(text) as Record<string, unknown>);
  } catch {
    return `${topic}  (not JSON, ${message.value.length} bytes)`;
  }
}

function renderDeadLetter(
  message: { value: Buffer | null; headers?: Record<string, unknown> },
  flags: Pick<TailFlags, 'filter' | 'json'>,
): string | undefined {
  if (flags.filter.length > 0) return undefined;
  const letter = readDeadLetter(message.headers as Parameters<typeof readDeadLetter>[0]);
  const value = message.value?.toString('utf8') ?? null;
  if (flags.json) return JSON.stringify({ deadLetter: letter, value });
  return `${Topics.DeadLetter}  from ${letter.sourceTopic} (${letter.service}): ${letter.reason}`;
}

async function tail(topics: TopicName[], flags: TailFlags): Promise<void> {
  const run = await watchRun(flags);
  const out = new LineOutput();
  // A group of its own that commits nothing: it takes no message from a service's group,
  // and leaves nothing behind on the broker once it disconnects.
  const consumer = run.kafka.consumer({
    groupId: groupIdOf(run.runId, `tail-${randomBytes(4).toString('hex')}`),
    maxWaitTimeInMs: 250,
    allowAutoTopicCreation: false,
  });
  const byKafkaTopic = new Map(topics.map((t) => [run.topicPrefix + t, t]));
  // Ctrl-C, the reader gone: a normal end. A consumer that gave up: an error.
  const stopped = new Promise<Error | undefined>((resolveStop) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => resolveStop(undefined));
    void out.closed.then(() => resolveStop(undefined));
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart) resolveStop(e.payload.error);
    });
  });
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: [...byKafkaTopic.keys()],
      fromBeginning: flags.fromBeginning,
    });
    process.stderr.write(
      `weft tail: ${topics.length === 1 ? topics[0] : `${topics.length} topics`} of run ${run.runId}` +
        `${flags.fromBeginning ? ', from the beginning' : ''}; Ctrl-C stops\n`,
    );
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }: EachBatchPayload) => {
        const topic = byKafkaTopic.get(batch.topic);
        if (!topic || out.isClosed) return;
        let text = '';
        for (const m of batch.messages) {
          const line = renderMessage(topic, m, flags);
          if (line !== undefined) text += `${line}\n`;
        }
        await out.write(text);
      },
    });
    const failed = await stopped;
    if (failed) throw failed;
  } finally {
    await consumer.disconnect();
  }
  if (out.error) throw out.error;
}

export function registerTailCommand(program: Command): void {
  program
    .command('tail')
    .description("print a run's events as they arrive, one line each (Ctrl-C stops)")
    .argument(
      '<topic...>',
      `topics as in the catalogue (orders.placed…), or ${ALL}`,
      (value: string, previous?: TopicName[]) => parseTopic(value, previous),
    )
    .option('--run <id>', 'the run to watch (default: the newest run on this stack)', parseRunId)
    .option(
      '--filter <field=value>',
      'only events whose envelope or payload field has this value (orderId=o42, type=OrderPlaced, shopId=s3); repeatable',
      (value: string, previous: EventFilter[]) => parseFilter(value, previous),
      [] as EventFilter[],
    )
    .option('--from-beginning', "start at the topics' first event rather than the next one", false)
    .option('--json', 'one event envelope per line, as on the wire (nothing else on stdout)', false)
    .action(tail);
}
