/** The consumers service: demand (load) generator and ratings; the domain role and its Redis state, hosted over Kafka. */
import { roleService } from '@weft/service';
import { ConsumersStore } from './consumers.state';

export const ConsumersService = roleService({
  service: 'consumers',
  httpPort: 3001,
  store: (scenario) => new ConsumersStore(scenario),
  // The run's first arrivals and the tick that plans the next.
  start: (store, ctx) => store.role.start(ctx),
});
