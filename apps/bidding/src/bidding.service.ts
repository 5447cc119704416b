/** The bidding service: workshop bidding: invitations, bids, the production calendar and ratings; the domain role and its Redis state, hosted over Kafka. */
import { roleService } from '@weft/service';
import { BiddingStore } from './bidding.state';

export const BiddingService = roleService({
  service: 'bidding',
  httpPort: 3003,
  store: (scenario) => new BiddingStore(scenario),
});
