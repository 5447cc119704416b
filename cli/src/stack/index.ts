/** The local Kafka (one node or a cluster) + Redis stack, for the `weft stack` verbs, runs and the jest global setup. */
export {
  loadStackConfig,
  kafkaAddress,
  kafkaAddresses,
  type KafkaNode,
  type StackConfig,
  type StackFlags,
} from './stack-config';
export { StackError } from './stack-errors';
export type { StackLog } from './stack-log';
export { stackUp, type ServiceOutcome, type StackUpResult } from './stack-up';
export {
  stackDown,
  type DownAction,
  type StackDownOptions,
  type StackDownResult,
} from './stack-down';
export { stackStatus, type NodeStatus, type ServiceStatus, type StackStatus } from './stack-status';
export { acquireStack, stopIfUnused, type ReleaseResult, type StackLease } from './stack-lease';
export { withStackLock } from './stack-lock';
export { liveRuns, type LiveRun, type RunRecord } from './run-records';
export { findRun, stopRunServices } from './run-stop';
export { killKafkaNode, restartKafkaNode } from './kafka-node-faults';
export { formatStatusTable, formatUpTable } from './stack-table';
export { SERVICES, type ServiceName } from './stack-state';
