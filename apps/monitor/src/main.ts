/** Entry point of the monitor service: observes every topic: dashboard, order journeys, metrics. */
import 'reflect-metadata';
import { ServiceInputs } from '@weft/contracts';
import { runService } from '@weft/service';
import { loadMonitorConfig } from './config';
import { MonitorModule } from './monitor.module';

void runService({
  loadConfig: () => loadMonitorConfig(),
  module: (config, logger) => MonitorModule.register(config, logger),
  inputs: ServiceInputs.monitor,
  nestTransport: false,
});
