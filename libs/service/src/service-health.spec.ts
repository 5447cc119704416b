import { ServiceUnavailableException } from '@nestjs/common';
import { ServiceMetrics } from '@weft/telemetry';
import { HealthController } from './health.controller';
import type { ServiceConfig } from './env-config';
import { ServiceHealth } from './service-health';

describe('ServiceHealth', () => {
  const config = { service: 'shops', instanceId: 'shops-1' } as ServiceConfig;

  it('turns /health to 503 with the reason once a part fails for good, then stops the process', async () => {
    const health = new ServiceHealth();
    let stopped = 0;
    health.stop = () => void stopped++;
    const controller = new HealthController(config, new ServiceMetrics('shops'), health);
    expect(controller.health()).toMatchObject({ status: 'ok' });

    health.fail('the consumer crashed and kafkajs will not restart it');
    health.fail('a second reason'); // the first is kept
    let answer: unknown;
    try {
      controller.health();
    } catch (err) {
      answer = err;
    }
    expect(answer).toBeInstanceOf(ServiceUnavailableException);
    expect((answer as ServiceUnavailableException).getResponse()).toMatchObject({
      status: 'failed',
      reason: 'the consumer crashed and kafkajs will not restart it',
    });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(stopped).toBe(1);
  });
});
