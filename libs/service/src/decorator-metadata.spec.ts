/**
 * Nest injects constructor parameters by their types, which only decorator metadata
 * carries. This holds the test transform (swc, legacy decorators + metadata) to it; the
 * services' end-to-end tests hold the tsc build to it.
 */
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Injectable()
class Clock {
  readonly startedAt = 42;
}

@Injectable()
class Meter {
  constructor(readonly clock: Clock) {}
}

@Module({ providers: [Clock, Meter] })
class MeterModule {}

describe('decorator metadata', () => {
  it('lets Nest inject a constructor parameter by its type alone', async () => {
    expect(Reflect.getMetadata('design:paramtypes', Meter)).toEqual([Clock]);
    const app = await NestFactory.createApplicationContext(MeterModule, { logger: false });
    try {
      const meter = app.get(Meter);
      expect(meter.clock).toBeInstanceOf(Clock);
      expect(meter.clock).toBe(app.get(Clock));
    } finally {
      await app.close();
    }
  });
});
