export { DesEngine } from './des-engine';
export type { DesProgress, DesRunOptions } from './des-engine';
export { EventQueue } from './event-queue';
export { runDes } from './run-des';
