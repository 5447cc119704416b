export { createLogger, kafkaLogCreator, REDACTED_PATHS } from './logger';
export { ServiceMetrics } from './metrics';
