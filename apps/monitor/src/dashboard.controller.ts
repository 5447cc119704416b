/** The dashboard: its page and files, and the live feed of snapshots (server-sent events). */
import {
  Controller,
  Get,
  NotFoundException,
  Param,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DashboardAssets, isAssetName, type AssetName } from './dashboard-assets';
import { MonitorHost } from './monitor.host';

/** Only the page's own files; styles inline because ECharts sets element styles. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

@Controller()
export class DashboardController {
  private readonly assets = new DashboardAssets();

  constructor(private readonly monitor: MonitorHost) {}

  @Get()
  page(@Res() res: ServerResponse): void {
    this.send(res, 'index.html');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: ServerResponse): void {
    if (!isAssetName(name) || name === 'index.html')
      throw new NotFoundException(
        `asset ${JSON.stringify(name.slice(0, 40))}: the dashboard has dashboard.js and dashboard.css`,
      );
    this.send(res, name);
  }

  /** One snapshot now, then one a second, until the page goes. */
  @Get('events')
  events(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    const feed = this.monitor.feed;
    if (feed.size >= feed.maxClients)
      throw new ServiceUnavailableException(
        `the dashboard's feed serves ${feed.maxClients} pages at once; close one and reload`,
      );
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // Proxies (nginx) would otherwise hold the stream back in their buffers.
      'X-Accel-Buffering': 'no',
    });
    feed.add(res);
    this.monitor.watching();
    req.on('close', () => feed.remove(res));
  }

  private send(res: ServerResponse, name: AssetName): void {
    const { body, contentType } = this.assets.get(name);
    res.writeHead(200, {
      'Content-Type': contentType,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  }
}
