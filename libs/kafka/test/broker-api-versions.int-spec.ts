/**
 * The broker still speaks every request kafkajs can send. kafkajs 2.2.4 asks the broker for
 * its API versions and then sends, per API, the highest version it implements up to the
 * broker's maximum (`lookup` in kafkajs/src/protocol/requests/index.js); it never looks at
 * the broker's minimum. Kafka 4 dropped old versions (KIP-896): a broker whose minimum for
 * an API rises above what kafkajs implements would answer that request with an error, so
 * this test fails first, naming the API.
 */
import { Socket } from 'node:net';
import { requests } from 'kafkajs/src/protocol/requests';
import apiKeys from 'kafkajs/src/protocol/requests/apiKeys';
import { testStack } from '../../../tests/support/test-env';

type VersionRange = { minVersion: number; maxVersion: number };

const API_VERSIONS_KEY = 18;

/**
 * ApiVersions v0, the version every broker keeps so that clients can negotiate: a raw
 * request, so the answer is the broker's and not what a client library makes of it.
 */
async function brokerApiVersions(address: string): Promise<Map<number, VersionRange>> {
  const [host, port] = address.split(':');
  const clientId = Buffer.from('weft-api-versions');
  const body = Buffer.alloc(10 + clientId.length);
  body.writeInt16BE(API_VERSIONS_KEY, 0);
  body.writeInt16BE(0, 2); // request version
  body.writeInt32BE(1, 4); // correlation id
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);

  const socket = new Socket();
  const response = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => reject(new Error(`no ApiVersions answer from ${address}`)));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 4 && all.length >= 4 + all.readInt32BE(0)) resolve(all.subarray(4));
    });
    socket.connect(Number(port), host ?? '127.0.0.1', () =>
      socket.write(Buffer.concat([size, body])),
    );
  }).finally(() => socket.destroy());

  const errorCode = response.readInt16BE(4);
  if (errorCode !== 0)
    throw new Error(`ApiVersions from ${address} failed with error ${errorCode}`);
  const versions = new Map<number, VersionRange>();
  const count = response.readInt32BE(6);
  for (let i = 0, at = 10; i < count; i++, at += 6) {
    versions.set(response.readInt16BE(at), {
      minVersion: response.readInt16BE(at + 2),
      maxVersion: response.readInt16BE(at + 4),
    });
  }
  return versions;
}

/** What kafkajs implements, per API it can send: its highest request version. */
function kafkajsRequests(): { api: string; key: number; maxVersion: number }[] {
  return Object.entries(requests)
    .filter(([, definition]) => definition.versions.length > 0)
    .map(([api, definition]) => ({
      api,
      key: apiKeys[api] as number,
      maxVersion: Math.max(...definition.versions.map(Number)),
    }));
}

/**
 * Each request kafkajs would send that the broker refuses, as "API vN (broker: min-max)":
 * the version kafkajs picks is min(its highest, the broker's highest).
 */
function refusedRequests(broker: Map<number, VersionRange>): string[] {
  return kafkajsRequests().flatMap(({ api, key, maxVersion }) => {
    const range = broker.get(key);
    if (range === undefined) return [`${api}: not offered by the broker`];
    const sent = Math.min(maxVersion, range.maxVersion);
    return sent >= range.minVersion
      ? []
      : [`${api} v${sent} (broker: ${range.minVersion}-${range.maxVersion})`];
  });
}

describe('the broker against the protocol versions kafkajs 2.2.4 sends', () => {
  let broker: Map<number, VersionRange>;

  beforeAll(async () => {
    broker = await brokerApiVersions(testStack().brokers[0] as string);
  });

  it('reads kafkajs’s request table: the APIs weft relies on are in it', () => {
    const apis = kafkajsRequests().map((r) => r.api);
    for (const api of ['Produce', 'Fetch', 'Metadata', 'JoinGroup', 'SyncGroup', 'OffsetCommit'])
      expect(apis).toContain(api);
    expect(apis).toContain('CreateTopics');
  });

  it('accepts the version kafkajs sends for every request it can make', () => {
    expect(broker.size).toBeGreaterThan(20);
    expect(refusedRequests(broker)).toEqual([]);
  });

  it('names a request the broker would refuse (the check can fail)', () => {
    // A broker that dropped Produce up to v7 (kafkajs's highest) and no longer offers ListGroups.
    const future = new Map(broker);
    future.set(apiKeys.Produce as number, { minVersion: 8, maxVersion: 12 });
    future.delete(apiKeys.ListGroups as number);
    expect(refusedRequests(future)).toEqual([
      'Produce v7 (broker: 8-12)',
      'ListGroups: not offered by the broker',
    ]);
  });
});
