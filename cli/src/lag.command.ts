/** `weft lag`: how far each service's consumer group is behind, per partition and in all. */
import { Command, Option } from 'commander';
import { SERVICE_NAMES, ServiceInputs, type ServiceName } from '@weft/contracts';
import { partitionLag, type PartitionLag } from '@weft/kafka';
import { groupIdOf } from '@weft/service/env';
import { formatLag, groupTotals } from './watch/lag-table';
import { parseRunId, watchRun, withAdmin } from './watch/run-target';

interface LagFlags {
  run?: string;
  service?: ServiceName;
  json: boolean;
}

/** Groups in the order given, each group's topics in its inputs' order, partitions ascending. */
function inTableOrder(
  rows: readonly PartitionLag[],
  groups: readonly { groupId: string; topics: readonly string[] }[],
): PartitionLag[] {
  const rank = (r: PartitionLag) => {
    const g = groups.findIndex((x) => x.groupId === r.groupId);
    const t = groups[g]?.topics.indexOf(r.topic) ?? 0;
    // Partition counts stay far below 10 000 and topics per group below 100.
    return (g * 100 + t) * 10_000 + r.partition;
  };
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

async function lag(flags: LagFlags): Promise<void> {
  const run = await watchRun(flags);
  const services = flags.service ? [flags.service] : SERVICE_NAMES;
  const groups = services.map((service) => ({
    service,
    groupId: groupIdOf(run.runId, service),
    topics: ServiceInputs[service].map((t) => run.topicPrefix + t),
  }));
  const { found, described } = await withAdmin(run, async (admin) => ({
    found: await partitionLag(admin, groups),
    described: (await admin.describeGroups(groups.map((g) => g.groupId))).groups,
  }));
  const rows = inTableOrder(found, groups);
  const totals = groupTotals(
    groups.map((g) => {
      const d = described.find((x) => x.groupId === g.groupId);
      return {
        service: g.service,
        groupId: g.groupId,
        state: d?.state ?? 'Unknown',
        members: d?.members.length ?? 0,
      };
    }),
    rows,
  );
  if (flags.json) {
    const partitions = rows.map((r) => ({ ...r, topic: r.topic.slice(run.topicPrefix.length) }));
    process.stdout.write(`${JSON.stringify({ runId: run.runId, groups: totals, partitions })}\n`);
    return;
  }
  process.stdout.write(
    `lag of run ${run.runId}\n\n${formatLag(rows, totals, run.topicPrefix).join('\n')}\n`,
  );
}

export function registerLagCommand(program: Command): void {
  program
    .command('lag')
    .description("each service's consumer lag: per partition (committed, end, lag) and per group")
    .option('--run <id>', 'the run (default: the newest run on this stack)', parseRunId)
    .addOption(new Option('--service <name>', "only this service's group").choices(SERVICE_NAMES))
    .option('--json', 'one JSON object: { runId, groups, partitions }', false)
    .action(lag);
}
