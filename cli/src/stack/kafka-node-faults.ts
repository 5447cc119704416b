/**
 * Faults for chaos tests: one node of our cluster killed without warning (SIGKILL: no
 * controlled shutdown, no leadership handed over), and later started again on its storage.
 */
import { startKafkaNodes } from './kafka-cluster';
import { ourKafkaNodes } from './our-processes';
import { isAlive } from './processes';
import type { KafkaNode, StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import { withStackLock } from './stack-lock';
import type { StackLog } from './stack-log';
import { readStackState } from './stack-state';
import { waitUntil } from './wait-until';

/** The node at `index` (0-based, in node order), or an error naming what there is. */
function nodeAt(config: StackConfig, index: number): KafkaNode {
  const node = config.kafka.nodes[index];
  if (!Number.isInteger(index) || !node) {
    throw new StackError(
      `Kafka node index: expected 0 to ${config.kafka.nodes.length - 1}, got ${index}`,
      { retriable: false },
    );
  }
  return node;
}

/** SIGKILLs node `index` of our cluster and waits until it is gone. Resolves its pid. */
export async function killKafkaNode(config: StackConfig, index: number): Promise<number> {
  const node = nodeAt(config, index);
  const nodes = await ourKafkaNodes(config.home, (await readStackState(config.home)).kafka);
  const live = nodes.find((n) => n.id === node.id && n.alive);
  if (!live) {
    throw new StackError(`Kafka node ${node.id} in ${config.home} is not running as ours`, {
      retriable: false,
    });
  }
  process.kill(live.pid, 'SIGKILL');
  const gone = await waitUntil(async () => ((await isAlive(live.pid)) ? undefined : true), {
    timeoutMs: 10_000,
    intervalMs: 50,
  });
  if (!gone) {
    throw new StackError(`Kafka node ${node.id} (pid ${live.pid}) outlived SIGKILL for 10 s`, {
      retriable: true,
    });
  }
  return live.pid;
}

/** Starts node `index` again (it must be down) and waits until it answers. Resolves its pid. */
export function restartKafkaNode(
  config: StackConfig,
  index: number,
  log: StackLog,
): Promise<number> {
  const node = nodeAt(config, index);
  return withStackLock(config.home, log, async () => {
    const record = (await readStackState(config.home)).kafka;
    const nodes = await ourKafkaNodes(config.home, record);
    if (record?.owner !== 'ours' || nodes.length === 0) {
      throw new StackError(`no Kafka cluster of ours in ${config.home} to restart a node of`, {
        retriable: false,
      });
    }
    if (nodes.some((n) => n.id === node.id && n.alive)) {
      throw new StackError(`Kafka node ${node.id} in ${config.home} is running already`, {
        retriable: false,
      });
    }
    const [pid] = await startKafkaNodes(config, [node], record.startedBy ?? 'command', log);
    if (pid === undefined)
      throw new StackError(`Kafka node ${node.id} was not started`, { retriable: true });
    return pid;
  });
}
