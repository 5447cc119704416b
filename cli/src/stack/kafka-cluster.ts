/** Our Kafka nodes as a whole: start some or all of them, recorded in the state file, and wait. */
import { ensureKafkaJars } from './kafka-runtime';
import { kafkaPaths, launchKafkaNode, nodeAddress, waitForKafkaNode } from './kafka-broker';
import { requireJava } from './prerequisites';
import { isAlive, stopProcess } from './processes';
import { kafkaAddresses, KAFKA_VERSION, type KafkaNode, type StackConfig } from './stack-config';
import type { StackLog } from './stack-log';
import { readStackState, recordService, type NodeRecord, type OurRecord } from './stack-state';

/**
 * Spawns `toStart` (every node, or the dead ones of a running cluster), records their pids
 * beside those of the nodes still running, then waits until each answers. A node that does
 * not come up is stopped again and the error thrown; the nodes that were running are kept.
 */
export async function startKafkaNodes(
  config: StackConfig,
  toStart: readonly KafkaNode[],
  startedBy: NonNullable<OurRecord['startedBy']>,
  log: StackLog,
): Promise<number[]> {
  const java = await requireJava();
  const jarsDir = await ensureKafkaJars(config, log);
  const size = config.kafka.nodes.length;
  const started: NodeRecord[] = [];
  try {
    for (const node of toStart) {
      const { logFile } = kafkaPaths(config.home, node.id, size);
      log(
        `kafka: starting Kafka ${KAFKA_VERSION} node ${node.id} of ${size} on ` +
          `${nodeAddress(config, node)} (heap ${config.kafka.heap}, log ${logFile})`,
      );
      const pid = await launchKafkaNode(config, node, java, jarsDir);
      started.push({ id: node.id, address: nodeAddress(config, node), pid });
      await recordNodes(config, started, startedBy);
    }
    await Promise.all(
      started.map((n, i) => waitForKafkaNode(config, toStart[i] as KafkaNode, n.pid)),
    );
  } catch (err) {
    await Promise.all(
      started.map(async (n) => {
        if (await isAlive(n.pid)) await stopProcess(n.pid);
      }),
    );
    // A whole cluster that failed leaves no record; a node restarted in vain stays in it,
    // dead, so status shows it and `up` tries it again.
    if (toStart.length === size) await recordService(config.home, 'kafka', undefined);
    throw err;
  }
  log(`kafka: ready (${started.map((n) => `node ${n.id} pid ${n.pid}`).join(', ')})`);
  return started.map((n) => n.pid);
}

/** Puts the new pids into the Kafka record, keeping the other nodes' entries. */
async function recordNodes(
  config: StackConfig,
  fresh: readonly NodeRecord[],
  startedBy: NonNullable<OurRecord['startedBy']>,
): Promise<void> {
  const known = (await readStackState(config.home)).kafka;
  const previous = known?.owner === 'ours' ? (known.nodes ?? []) : [];
  const nodes = config.kafka.nodes.flatMap(
    (node) => fresh.find((n) => n.id === node.id) ?? previous.filter((n) => n.id === node.id),
  );
  const first = nodes[0];
  if (!first) return;
  await recordService(config.home, 'kafka', {
    owner: 'ours',
    address: kafkaAddresses(config).join(','),
    pid: first.pid,
    startedAt: known?.owner === 'ours' ? known.startedAt : new Date().toISOString(),
    nodes,
    startedBy: known?.owner === 'ours' ? (known.startedBy ?? 'command') : startedBy,
  });
}
