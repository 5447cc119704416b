/** Entry point of the payments service: escrow and the double-entry ledger. */
import 'reflect-metadata';
import { ServiceInputs } from '@weft/contracts';
import { runService } from '@weft/service';
import { loadPaymentsConfig } from './config';
import { PaymentsModule } from './payments.module';

void runService({
  loadConfig: () => loadPaymentsConfig(),
  module: (config, logger) => PaymentsModule.register(config, logger),
  inputs: ServiceInputs.payments,
  nestTransport: false,
});
