export { provisionTopics } from './topic-admin';
export type { TopicSpec } from './topic-admin';
export { createKafka } from './kafka-client';
export type { KafkaClientConfig } from './kafka-client';
export { createRedis, deleteKeysUnderPrefix } from './redis-client';
export type { RedisClientConfig } from './redis-client';
