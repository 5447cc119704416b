/** Jest globalTeardown (integration): stops only what globalSetup itself started. */
import { loadStackConfig, SERVICES, stackDown } from '../../cli/src/stack';
import { STARTED_BY_SETUP } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = (process.env[STARTED_BY_SETUP] ?? '').split(',');
  const services = SERVICES.filter((service) => started.includes(service));
  if (services.length === 0) return;
  await stackDown(loadStackConfig(), (line) => process.stdout.write(`[weft stack] ${line}\n`), {
    services,
  });
}
