export { provisionTopics } from './topic-admin';
export type { TopicSpec } from './topic-admin';
export {
  createKafka,
  kafkaClientOptions,
  kafkaSecurityOptions,
  KAFKA_RETRY,
  KAFKA_SASL_MECHANISMS,
} from './kafka-client';
export type {
  KafkaClientConfig,
  KafkaSasl,
  KafkaSaslMechanism,
  KafkaSecurity,
  KafkaTls,
} from './kafka-client';
export {
  createRedis,
  deleteKeysUnderPrefix,
  redisReady,
  RedisUnavailableError,
} from './redis-client';
export type { RedisClientConfig } from './redis-client';
export { RoleRunner } from './role-runner';
export type { RoleRunnerOptions } from './role-runner';
export type { RoleStateView, RoleStore } from './role-store';
export { Outbox, OutboxKeys, OUTBOX_LEASE_MS } from './outbox';
export type { OutboxObservers } from './outbox';
export { publishRunConfig, awaitRunConfig, newRunEpoch, runLost } from './run-config';
export { PartitionFence, FencedError, RunLostError } from './partition-fence';
export {
  ClockCoordinator,
  ClockFollower,
  ClockKeys,
  ClockTrace,
  CLOCK_NOT_STARTED,
  clockSettings,
  OwedReactions,
  windowOf,
} from './sim-clock';
export type { ClockSettings, ClockState } from './sim-clock';
export type { RunConfig } from './run-config';
export { CoPartitionedAssigner } from './co-partitioned-assigner';
export { consumerLag, partitionLag } from './consumer-lag';
export type { GroupTopics, PartitionLag } from './consumer-lag';
export { RunObserver } from './run-observer';
export type { ObservedBatch, ObservedEvent, RunObserverOptions } from './run-observer';
