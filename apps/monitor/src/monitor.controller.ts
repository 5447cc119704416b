/** The monitor's HTTP view: the run at a glance, and one order's journey. */
import { BadRequestException, Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { JourneyView } from './dashboard-snapshot';
import { MonitorHost } from './monitor.host';

const ORDER_ID = /^o\d{1,12}$/;

@Controller()
export class MonitorController {
  constructor(private readonly monitor: MonitorHost) {}

  @Get('summary')
  summary() {
    return this.monitor.summary();
  }

  /** Each hop's latency histogram so far: a bench subtracts two of them to judge a window. */
  @Get('latency/histograms')
  histograms() {
    return { hops: this.monitor.hopHistograms() };
  }

  @Get('orders/:orderId')
  /** One order's events in simulated-time order, each with its topic and the service that emitted it. */
  order(@Param('orderId') orderId: string): JourneyView {
    if (!ORDER_ID.test(orderId))
      throw new BadRequestException(
        `orderId: expected "o" and a number (like o42), got "${orderId.slice(0, 40)}"`,
      );
    const journey = this.monitor.journey(orderId);
    if (!journey)
      throw new NotFoundException(`order ${orderId}: not seen by this monitor (yet, or any more)`);
    return journey;
  }
}
