/** One pino logger per process, shared by Nest (through nestjs-pino) and kafkajs. */
import pino, { DestinationStream, Logger, LevelWithSilent } from 'pino';
import { logLevel as KafkaLogLevel, logCreator } from 'kafkajs';
import { maskUrlCredentials } from './secrets';

/**
 * Paths that may hold secrets; pino replaces them before a line is written. Credentials
 * inside URLs, wherever they sit in a line (a message, an error's stack), are masked
 * on the way out instead: see `maskedStream`.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'config.redis.url',
  ...['password', 'sasl', 'token', 'secret', 'authorization', 'ssl.key'].flatMap((name) => [
    name,
    `*.${name}`,
    `*.*.${name}`,
  ]),
  'WEFT_KAFKA_SASL_PASSWORD',
  '*.WEFT_KAFKA_SASL_PASSWORD',
];

/** Writes each finished line with the credentials of any URL in it masked. */
function maskedStream(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(maskUrlCredentials(line)) };
}

export function createLogger(
  service: string,
  level: LevelWithSilent,
  destination: DestinationStream = pino.destination(1),
): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    maskedStream(destination),
  );
}

const kafkaLevels: Record<KafkaLogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.NOTHING]: 'debug',
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own log lines into pino, as objects rather than strings (and so redacted like ours). */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      // kafkajs adds its own timestamp and logger name; pino has both already.
      const { message, timestamp: _t, logger: _l, ...extra } = log;
      logger[kafkaLevels[level]]({ kafka: namespace, ...extra }, message);
    };
}
