/** Builds the kafkajs client every service and tool shares: one place for brokers and logging. */
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogCreator } from '@weft/telemetry';

export interface KafkaClientConfig {
  brokers: string[];
  clientId: string;
}

export function createKafka(config: KafkaClientConfig, logger: Logger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
