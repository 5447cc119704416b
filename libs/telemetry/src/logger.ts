/** One pino logger per process, shared by Nest (through nestjs-pino) and kafkajs. */
import pino, { Logger, LevelWithSilent } from 'pino';
import { logLevel as KafkaLogLevel, logCreator } from 'kafkajs';

/** Paths that may hold secrets; pino replaces them before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'config.redis.url',
  'password',
  '*.password',
  'sasl',
  '*.sasl',
];

export function createLogger(service: string, level: LevelWithSilent): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

const kafkaLevels: Record<KafkaLogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.NOTHING]: 'debug',
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own log lines into pino, as objects rather than strings. */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      // kafkajs adds its own timestamp and logger name; pino has both already.
      const { message, timestamp: _t, logger: _l, ...extra } = log;
      logger[kafkaLevels[level]]({ kafka: namespace, ...extra }, message);
    };
}
