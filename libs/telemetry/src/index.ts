export { createLogger, kafkaLogCreator, REDACTED_PATHS } from './logger';
export { maskUrlCredentials } from './secrets';
export { ServiceMetrics, scrapeRead } from './metrics';
export type { Backlog } from './metrics';
export {
  EventTraces,
  orderLogFields,
  orderTraceId,
  parentOf,
  readTraceContext,
  traceHeaders,
} from './trace/trace-context';
export type { MessageHeaders } from './trace/trace-context';
export { SpanAttributes, spanRecorder, startSpanExport } from './trace/span-export';
export type { EventSpan, SpanExportOptions, SpanRecorder } from './trace/span-export';
export { KpiCollector } from './kpi/kpi-collector';
export { buildReport, deliveredWithin, utilizationByHour } from './kpi/build-report';
export type { RunFinals } from './kpi/build-report';
export { LabourFold, hoursPerWorkerDay } from './kpi/labour';
export type { HoursPerWorkerDay } from './kpi/labour';
export { TECHNOLOGIES, TechnologyFold, accountDays } from './kpi/technology';
export type { ByTechnology, Technology, TechnologyReport } from './kpi/technology';
export type { AuditCheck, RunAudit, RunReport } from './kpi/report';
export { inlineEcharts, renderReportHtml } from './kpi/report-html';
export { STYLES as REPORT_STYLES, escapeHtml } from './kpi/report-html.template';
export { HopLatency, HOPS, latencyBetween } from './stream/hop-latency';
export type { ClockView, EncodedHistograms } from './stream/hop-latency';
export type { LatencyReport, LatencySummary } from './stream/hop-latency';
