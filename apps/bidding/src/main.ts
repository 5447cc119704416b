/** Entry point of the bidding service: workshop bidding: RFQs, bids, award, production calendar. */
import 'reflect-metadata';
import { ServiceInputs } from '@weft/contracts';
import { runService } from '@weft/service';
import { loadBiddingConfig } from './config';
import { BiddingModule } from './bidding.module';

void runService({
  loadConfig: () => loadBiddingConfig(),
  module: (config, logger) => BiddingModule.register(config, logger),
  inputs: ServiceInputs.bidding,
  nestTransport: false,
});
