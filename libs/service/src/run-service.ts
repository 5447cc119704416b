/**
 * Boots one weft service: topics provisioned, a Nest app with HTTP (/health, /metrics)
 * and the Kafka microservice transport, and a clean exit on SIGTERM/SIGINT.
 */
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { logLevel, Partitioners } from 'kafkajs';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { Topics } from '@weft/contracts';
import { createKafka, KAFKA_RETRY, kafkaSecurityOptions, provisionTopics } from '@weft/kafka';
import { createLogger, kafkaLogCreator, maskUrlCredentials } from '@weft/telemetry';
import { ConfigError, type ServiceConfig } from './env-config';

export interface ServiceDefinition<C extends ServiceConfig> {
  /** Reads and validates the environment; throws ConfigError naming each bad variable. */
  loadConfig: () => C;
  /** The app's root module, built from its validated config. */
  module: (config: C, logger: Logger) => DynamicModule;
  /** Topics this service consumes; created at boot if missing (with the dead-letter topic). */
  inputs: readonly string[];
  /**
   * Whether Nest's Kafka microservice transport carries the @EventPattern handlers.
   * Services that host a domain role consume through RoleHost instead, in batches.
   */
  nestTransport?: boolean;
}

const SHUTDOWN_DEADLINE_MS = 10_000;

export async function runService<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
): Promise<void> {
  let config: C;
  try {
    config = def.loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(78); // EX_CONFIG: a retry with the same environment cannot help
  }
  const logger = createLogger(config.service, config.log.level);
  try {
    await start(def, config, logger);
  } catch (err) {
    logger.fatal({ err }, 'service failed to start');
    process.exit(1);
  }
}

async function start<C extends ServiceConfig>(
  def: ServiceDefinition<C>,
  config: C,
  logger: Logger,
) {
  // Its inputs, and the dead-letter topic every service writes what it cannot read to.
  const topics = [...new Set([...def.inputs, Topics.DeadLetter])];
  const created = await provisionTopics(
    createKafka(config.kafka, logger),
    topics.map((topic) => ({
      topic: config.kafka.topicPrefix + topic,
      partitions: config.kafka.partitions,
      retentionMs: config.kafka.retentionMs,
    })),
  );
  if (created.length > 0) logger.info({ topics: created }, 'topics created');

  const app = await NestFactory.create(def.module(config, logger), { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  if (def.nestTransport !== false) connectKafkaTransport(app, config, logger);
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  installShutdown(app, logger);
  logger.info(startedLine(config), 'service started');
}

/** What the 'service started' line says: where it listens and connects, and how, never with what secret. */
export function startedLine(config: ServiceConfig): Record<string, unknown> {
  const { sasl, ssl } = config.kafka;
  return {
    http: `${config.http.host}:${config.http.port}`,
    brokers: config.kafka.brokers,
    kafkaAuth: sasl ? `${sasl.mechanism} as ${sasl.username}` : 'none',
    kafkaTls: ssl !== undefined,
    redis: maskUrlCredentials(config.redis.url),
    run: config.runId,
  };
}

function connectKafkaTransport(app: INestApplication, config: ServiceConfig, logger: Logger): void {
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: config.kafka.clientId,
        brokers: config.kafka.brokers,
        logLevel: logLevel.WARN,
        logCreator: kafkaLogCreator(logger),
        // Nest builds this client itself, so it is given the same SASL and TLS as createKafka's.
        ...kafkaSecurityOptions(config.kafka),
        retry: KAFKA_RETRY,
      },
      consumer: {
        groupId: config.kafka.groupId,
        allowAutoTopicCreation: false,
        // A fetch long-polls this long when a topic is idle, and disconnect waits for it:
        // kept short so SIGTERM stops a service within a second or two.
        maxWaitTimeInMs: 500,
      },
      // A run's records from before the group first joined are part of the run.
      subscribe: { fromBeginning: true },
      producer: {
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      },
    },
  });
}

/**
 * Nest's enableShutdownHooks re-raises the signal after closing, so the process dies
 * "killed by SIGTERM". Orchestrators and our tests expect a clean exit 0 after a graceful
 * stop, so the signal is handled here: app.close() runs the same onModuleDestroy /
 * onApplicationShutdown hooks (Kafka and Redis disconnect there), then the process exits.
 */
function installShutdown(app: INestApplication, logger: Logger): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ signal }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
