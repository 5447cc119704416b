/** The distributed engine: a scenario through the seven services over Kafka and Redis, phase by phase. */
export { KafkaRun, runKafka } from './kafka-run';
export type {
  KafkaRunOptions,
  LiveRun,
  RunLog,
  RunProcesses,
  RunStack,
  StackReady,
} from './run-options';
export { DEFAULT_LOOKAHEAD_SECONDS } from './clock-keeper';
export { EventCollector } from './event-collector';
export { pipelineState } from './pipeline-state';
export type { PipelineState } from './pipeline-state';
export { awaitHealthy, freePort, startService, stopService } from './service-processes';
export type { ServiceProcess } from './service-processes';
export { rssMb, totalRssMb } from './service-memory';
export { serviceViews } from './service-views';
export type { ServiceViews } from './service-views';
export { runBench } from './bench/bench';
export { benchScenario } from './bench/bench-scenario';
export type { BenchOptions } from './bench/bench';
export type { BenchProgress, BenchResult, BenchWindow } from './bench/bench-result';
export { renderBenchHtml } from './bench/bench-html';
export { measureCeiling } from './bench/ceiling';
export type { Ceiling } from './bench/ceiling';
export { paceAt, parseProfile, profileSeconds, profileWindows } from './bench/load-profile';
export type { LoadProfile, LoadWindow } from './bench/load-profile';
export { DEFAULT_SATURATION_RULE, highestSustained, judgeWindow } from './bench/saturation';
export type { PipelineSample, SaturationRule, WindowVerdict } from './bench/saturation';
export { auditKafkaRun } from './kafka-audit';
export type { AuditTarget } from './kafka-audit';
