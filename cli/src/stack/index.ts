/** The local Kafka + Redis stack, for the `weft stack` verbs and the jest global setup. */
export { loadStackConfig, kafkaAddress, type StackConfig, type StackFlags } from './stack-config';
export { StackError } from './stack-errors';
export type { StackLog } from './stack-log';
export { stackUp, type ServiceOutcome, type StackUpResult } from './stack-up';
export {
  stackDown,
  type DownAction,
  type StackDownOptions,
  type StackDownResult,
} from './stack-down';
export { stackStatus, type ServiceStatus, type StackStatus } from './stack-status';
export { formatStatusTable, formatUpTable } from './stack-table';
export { SERVICES, type ServiceName } from './stack-state';
