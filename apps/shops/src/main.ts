/** Entry point of the shops service: shop decisions: listing, accepting, RFQs and awards. */
import 'reflect-metadata';
import { ServiceInputs } from '@weft/contracts';
import { runService } from '@weft/service';
import { loadShopsConfig } from './config';
import { ShopsModule } from './shops.module';

void runService({
  loadConfig: () => loadShopsConfig(),
  module: (config, logger) => ShopsModule.register(config, logger),
  inputs: ServiceInputs.shops,
  nestTransport: false,
});
