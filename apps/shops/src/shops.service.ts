/** The shops service: shop decisions: listing, accepting, RFQs and awards; the domain role and its Redis state, hosted over Kafka. */
import { roleService } from '@weft/service';
import { ShopsStore } from './shops.state';

export const ShopsService = roleService({
  service: 'shops',
  httpPort: 3002,
  store: (scenario) => new ShopsStore(scenario),
});
