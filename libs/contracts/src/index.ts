export {
  Topics,
  ALL_TOPICS,
  ServiceInputs,
  SERVICE_NAMES,
  ROLE_SERVICES,
  EventRoutes,
  shopKey,
  workshopKey,
} from './topics';
export type { TopicName, ServiceName } from './topics';
export { RunKeys, keyPrefixOf } from './run-keys';
export { RUN_HEADER, runHeaderOf, foreignRunReason } from './run-header';
export { TraceHeaders, traceHeadersOf } from './trace-headers';
export {
  DeadLetterClasses,
  DeadLetterHeaders,
  DEAD_LETTER_MAX_VALUE_BYTES,
  deadLetterMessage,
  readDeadLetter,
} from './dead-letter';
export type { DeadLetter, DeadLetterClass } from './dead-letter';
export { ScenarioSchema, parseScenario, ScenarioError } from './scenario.schema';
export {
  parseEvent,
  parseEnvelope,
  serializeEvent,
  eventJson,
  peekOrderId,
  EventParseError,
  EnvelopeSchema,
  EVENT_SCHEMA_VERSION,
  PAYLOAD_FIELDS,
} from './events.schema';
export {
  parseUsageRecord,
  parseScalingRecord,
  UsageRecordSchema,
  ScalingRecordSchema,
} from './ops.schema';
export type { UsageRecord, ScalingRecord } from './ops.schema';
