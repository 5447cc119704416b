/** The payments service: escrow and the double-entry ledger; the domain role and its Redis state, hosted over Kafka. */
import { roleService } from '@weft/service';
import { PaymentsStore } from './payments.state';

export const PaymentsService = roleService({
  service: 'payments',
  httpPort: 3004,
  store: (scenario) => new PaymentsStore(scenario),
});
