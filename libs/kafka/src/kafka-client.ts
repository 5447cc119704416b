/** Builds the kafkajs client every service and tool shares: one place for brokers, security and logging. */
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogCreator } from '@weft/telemetry';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

export interface KafkaSasl {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

/**
 * TLS to the brokers. PEM text rather than paths: the files are read, and an unreadable
 * one refused, when the environment is validated. No field: the system's trusted CAs.
 */
export interface KafkaTls {
  ca?: string;
  /** A client certificate and its key, for brokers that ask for one (mutual TLS). */
  cert?: string;
  key?: string;
}

/** How a client proves who it is and protects the wire; nothing set: PLAINTEXT. */
export interface KafkaSecurity {
  sasl?: KafkaSasl;
  ssl?: KafkaTls;
}

export interface KafkaClientConfig extends KafkaSecurity {
  brokers: string[];
  clientId: string;
}

/**
 * The kafkajs options for a client: createKafka's, and those handed to Nest's Kafka
 * transport, which builds its own client from them.
 */
export function kafkaClientOptions(config: KafkaClientConfig, logger: Logger): KafkaConfig {
  return {
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    retry: KAFKA_RETRY,
    ...kafkaSecurityOptions(config),
  };
}

/** The `sasl` and `ssl` options of kafkajs; never `rejectUnauthorized: false`. */
export function kafkaSecurityOptions(security: KafkaSecurity): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const { sasl, ssl } = security;
  const out: Pick<KafkaConfig, 'sasl' | 'ssl'> = {};
  if (ssl) {
    const tls = { ca: ssl.ca, cert: ssl.cert, key: ssl.key };
    const given = Object.entries(tls).filter(([, v]) => v !== undefined);
    out.ssl = given.length > 0 ? Object.fromEntries(given) : true;
  }
  if (sasl) {
    const { username, password } = sasl;
    // kafkajs types each mechanism separately; the switch keeps the union honest.
    switch (sasl.mechanism) {
      case 'plain':
        out.sasl = { mechanism: 'plain', username, password };
        break;
      case 'scram-sha-256':
        out.sasl = { mechanism: 'scram-sha-256', username, password };
        break;
      case 'scram-sha-512':
        out.sasl = { mechanism: 'scram-sha-512', username, password };
        break;
    }
  }
  return out;
}

/**
 * Retries of every request: backing off to 30 s, twelve times, a request outlasts a broker
 * away for about three minutes (a restart, a failover) before it fails.
 */
export const KAFKA_RETRY = { initialRetryTime: 200, maxRetryTime: 30_000, retries: 12 };

export function createKafka(config: KafkaClientConfig, logger: Logger): Kafka {
  return new Kafka(kafkaClientOptions(config, logger));
}
