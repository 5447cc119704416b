import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  type Admin,
  ResourcePatternTypes,
  type KafkaConfig,
} from 'kafkajs';
import { createKafka, kafkaClientOptions, type KafkaClientConfig } from '@weft/kafka';
import { createLogger } from '@weft/telemetry';
import { eventually } from '../../../tests/support/test-env';
import {
  startSecureKafkaBroker,
  type SecureKafkaBroker,
} from '../../../tests/support/secure-kafka-broker';

const logger = createLogger('kafka-security-it', 'silent');
const TOPIC = 'secure.orders';
const GROUP = 'secure-readers';

/** A client built as every service builds one, but giving up at once (a refusal is not retried into a timeout). */
function impatient(config: KafkaClientConfig): Kafka {
  const options: KafkaConfig = { ...kafkaClientOptions(config, logger), retry: { retries: 0 } };
  return new Kafka({ ...options, connectionTimeout: 3_000 });
}

/** Reads the topic's offsets: the least a reader of it does. */
async function readOffsets(admin: Admin): Promise<unknown> {
  await admin.connect();
  return admin.fetchTopicOffsets(TOPIC);
}

/** Produces one message and reads it back through a consumer group; resolves what was read. */
async function roundTrip(kafka: Kafka, value: string): Promise<string> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: TOPIC, messages: [{ key: value, value }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: `${GROUP}-${value}`, maxWaitTimeInMs: 200 });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
  try {
    return await eventually(`${value} read back`, () => seen.find((v) => v === value), 30_000);
  } finally {
    await consumer.disconnect();
  }
}

describe('Kafka with SCRAM-SHA-512, TLS and ACLs (a broker of its own)', () => {
  let broker: SecureKafkaBroker;
  const app = () => broker.users[0];
  const outsider = () => broker.users[1];

  beforeAll(async () => {
    broker = await startSecureKafkaBroker(['weft-app', 'outsider']);
    const admin = createKafka(
      {
        brokers: [broker.saslAddress],
        clientId: 'weft-it-admin',
        sasl: { mechanism: 'scram-sha-512', ...broker.admin },
      },
      logger,
    ).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: 1 }],
      waitForLeaders: true,
    });
    // The application user may use the topic and its groups; the outsider nothing.
    const allow = (resourceType: AclResourceTypes, resourceName: string) => ({
      resourceType,
      resourceName,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: `User:${app().username}`,
      host: '*',
      operation: AclOperationTypes.ALL,
      permissionType: AclPermissionTypes.ALLOW,
    });
    await admin.createAcls({
      acl: [allow(AclResourceTypes.TOPIC, TOPIC), allow(AclResourceTypes.GROUP, GROUP)],
    });
    await admin.disconnect();
  }, 90_000);

  afterAll(async () => {
    await broker?.stop();
  }, 30_000);

  it('produces and consumes through createKafka with the right SCRAM credentials', async () => {
    const kafka = createKafka(
      {
        brokers: [broker.saslAddress],
        clientId: 'weft-it-app',
        sasl: { mechanism: 'scram-sha-512', ...app() },
      },
      logger,
    );
    expect(await roundTrip(kafka, 'plaintext-sasl')).toBe('plaintext-sasl');
  }, 45_000);

  it('produces and consumes over TLS, the broker certificate checked against the given CA', async () => {
    const kafka = createKafka(
      {
        brokers: [broker.sslAddress],
        clientId: 'weft-it-app-tls',
        sasl: { mechanism: 'scram-sha-512', ...app() },
        ssl: { ca: broker.caPem },
      },
      logger,
    );
    expect(await roundTrip(kafka, 'sasl-ssl')).toBe('sasl-ssl');
  }, 45_000);

  it('cannot read the topic without credentials', async () => {
    const admin = impatient({ brokers: [broker.saslAddress], clientId: 'weft-it-anon' }).admin();
    await expect(readOffsets(admin)).rejects.toThrow(/Closed connection|Connection error/);
    await admin.disconnect();
  });

  it('cannot read the topic with a wrong password', async () => {
    const admin = impatient({
      brokers: [broker.saslAddress],
      clientId: 'weft-it-wrong',
      sasl: { mechanism: 'scram-sha-512', username: app().username, password: 'not-the-password' },
    }).admin();
    await expect(readOffsets(admin)).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    await admin.disconnect();
  });

  it('cannot read the topic as an authenticated user that no ACL allows', async () => {
    const admin = impatient({
      brokers: [broker.saslAddress],
      clientId: 'weft-it-outsider',
      sasl: { mechanism: 'scram-sha-512', ...outsider() },
    }).admin();
    await expect(readOffsets(admin)).rejects.toThrow(/authoriz/i);
    await admin.disconnect();
  });

  it('refuses a broker whose certificate the client cannot verify', async () => {
    const admin = impatient({
      brokers: [broker.sslAddress],
      clientId: 'weft-it-untrusting',
      sasl: { mechanism: 'scram-sha-512', ...app() },
      ssl: {},
    }).admin();
    await expect(admin.connect()).rejects.toThrow(/certificate/);
    await admin.disconnect();
  });
});
