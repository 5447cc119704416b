/** `weft trace <orderId>`: one order's journey through a run, one event per line, in simulated time. */
import { Command } from 'commander';
import { formatTraceLine } from './watch/event-line';
import { traceOrder } from './watch/order-trace';
import { parseRunId, watchRun, withAdmin } from './watch/run-target';
import { usageError } from './watch/topic-choice';

/** Order ids as the consumers make them: `o` and a number. */
export function parseOrderId(value: string): string {
  if (!/^o\d+$/.test(value)) throw usageError(`expected an order id such as o42, got "${value}"`);
  return value;
}

async function trace(orderId: string, flags: { run?: string }): Promise<void> {
  const run = await watchRun(flags);
  const t = await withAdmin(run, (admin) => traceOrder(run, admin, orderId));
  const cost = `${t.messagesRead.toLocaleString('en-US')} messages read from ${t.partitionsRead} partitions`;
  if (t.events.length === 0) {
    process.stderr.write(`weft trace: order ${orderId} not found in run ${run.runId} (${cost})\n`);
    process.exitCode = 1;
    return;
  }
  const lines = [
    `order ${orderId} · run ${run.runId} · ${t.events.length} events (${cost})`,
    ...t.events.map(formatTraceLine),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerTraceCommand(program: Command): void {
  program
    .command('trace')
    .description(
      "print one order's journey: its events in simulated-time order, with wall time and topic",
    )
    .argument('<orderId>', 'the order, e.g. o42', parseOrderId)
    .option('--run <id>', 'the run (default: the newest run on this stack)', parseRunId)
    .action(trace);
}
