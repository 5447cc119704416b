/** The state file `<home>/stack.json`: which service runs where, and whether we started it. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StackError, systemErrorCode } from './stack-errors';

export const SERVICES = ['kafka', 'redis'] as const;
export type ServiceName = (typeof SERVICES)[number];

const nodeRecord = z.object({
  id: z.number().int().positive(),
  address: z.string(),
  pid: z.number().int().positive(),
});
export type NodeRecord = z.infer<typeof nodeRecord>;

const serviceRecord = z.discriminatedUnion('owner', [
  // A process this stack spawned: the only kind `down` may stop.
  z.object({
    owner: z.literal('ours'),
    /** For Kafka, the bootstrap list: every node's address, comma-separated. */
    address: z.string(),
    /** For Kafka, node 1's pid; `nodes` has them all. */
    pid: z.number().int().positive(),
    startedAt: z.string(),
    /** Kafka's nodes; a state file written for a single broker has none. */
    nodes: z.array(nodeRecord).optional(),
    /**
     * Who asked for it: `weft stack up` ('command'), which keeps it until `down`, or a run
     * ('run'), whose last user to leave stops it. Older state files say nothing: 'command'.
     */
    startedBy: z.enum(['command', 'run']).optional(),
  }),
  // Something that already answered when `up` looked: used, never stopped.
  z.object({ owner: z.literal('external'), address: z.string(), seenAt: z.string() }),
]);
export type ServiceRecord = z.infer<typeof serviceRecord>;
export type OurRecord = Extract<ServiceRecord, { owner: 'ours' }>;

/** Kafka's nodes as recorded, one for a state file written before clusters. */
export function recordedNodes(record: OurRecord): NodeRecord[] {
  return record.nodes ?? [{ id: 1, address: record.address, pid: record.pid }];
}

const stackState = z.object({ kafka: serviceRecord.optional(), redis: serviceRecord.optional() });
export type StackState = z.infer<typeof stackState>;

export function stateFilePath(home: string): string {
  return join(home, 'stack.json');
}

export async function readStackState(home: string): Promise<StackState> {
  const path = stateFilePath(home);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (systemErrorCode(err) === 'ENOENT') return {};
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StackError(
      `${path}: expected JSON, got unreadable content; remove it if no stack is running`,
      {
        retriable: false,
        cause: err,
      },
    );
  }
  const parsed = stackState.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '';
    throw new StackError(
      `${path}: ${where}: ${first?.message ?? 'invalid'}; remove it if no stack is running`,
      {
        retriable: false,
      },
    );
  }
  return parsed.data;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a state file. */
export async function writeStackState(home: string, state: StackState): Promise<void> {
  await mkdir(home, { recursive: true });
  const path = stateFilePath(home);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, path);
}

/** Read-modify-write of one service's record (`undefined` removes it). */
export async function recordService(
  home: string,
  service: ServiceName,
  record: ServiceRecord | undefined,
): Promise<void> {
  const state = await readStackState(home);
  await writeStackState(home, { ...state, [service]: record });
}
