export { createLogger, kafkaLogCreator, REDACTED_PATHS } from './logger';
export { ServiceMetrics } from './metrics';
export { KpiCollector } from './kpi/kpi-collector';
export { buildReport } from './kpi/build-report';
export type { RunFinals } from './kpi/build-report';
export type { RunReport } from './kpi/report';
export { renderReportHtml } from './kpi/report-html';
export { HopLatency, HOPS } from './stream/hop-latency';
export type { LatencyReport, LatencySummary } from './stream/hop-latency';
