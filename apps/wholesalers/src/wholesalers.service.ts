/** The wholesalers service (the traditional chain): stock, batches and dispatch; the domain role and its Redis state, hosted over Kafka. */
import { roleService } from '@weft/service';
import { WholesalersStore } from './wholesalers.state';

export const WholesalersService = roleService({
  service: 'wholesalers',
  httpPort: 3007,
  store: (scenario) => new WholesalersStore(scenario),
  // Each warehouse's first tick (none when the scenario has no wholesalers).
  start: (store, ctx) => store.role.start(ctx),
});
