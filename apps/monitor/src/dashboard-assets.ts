/**
 * The dashboard's files, built by esbuild into dist/apps/monitor/dashboard (`npm run
 * build`), read once: the page, its script (ECharts bundled in) and its styles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each file the page may ask for, and its content type: nothing else is served. */
const FILES = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const;

export type AssetName = keyof typeof FILES;

export interface Asset {
  body: Buffer;
  contentType: string;
}

export const isAssetName = (name: string): name is AssetName => Object.hasOwn(FILES, name);

/** From this compiled file (dist/apps/monitor/src) to the bundle beside it. */
const DIR = join(__dirname, '..', 'dashboard');

export class DashboardAssets {
  private readonly cache = new Map<AssetName, Asset>();

  constructor(private readonly dir = DIR) {}

  get(name: AssetName): Asset {
    let asset = this.cache.get(name);
    if (!asset) {
      const path = join(this.dir, name);
      let body: Buffer;
      try {
        body = readFileSync(path);
      } catch (err) {
        throw new Error(
          `dashboard: ${path} is missing (build it with \`npm run build\`): ${String(err)}`,
        );
      }
      asset = { body, contentType: FILES[name] };
      this.cache.set(name, asset);
    }
    return asset;
  }
}
