/** The distributed engine: a scenario through the six services over Kafka and Redis, phase by phase. */
export { KafkaRun, runKafka } from './kafka-run';
export type { KafkaRunOptions, LiveRun, RunLog, RunStack, StackReady } from './run-options';
export { DEFAULT_LOOKAHEAD_SECONDS } from './clock-keeper';
export { EventCollector } from './event-collector';
export { pipelineState } from './pipeline-state';
export type { PipelineState } from './pipeline-state';
export { awaitHealthy, freePort, startService, stopService } from './service-processes';
export type { ServiceProcess } from './service-processes';
export { rssMb, totalRssMb } from './service-memory';
export { serviceViews } from './service-views';
export type { ServiceViews } from './service-views';
