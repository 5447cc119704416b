/**
 * docker-compose.yml, the Dockerfile and deploy/ (Prometheus, Grafana) cannot be run here
 * (no Docker engine), so they are checked with the real tools offline: docker-compose's own
 * validator for every profile, promtool for the Prometheus config and for every query of
 * the Grafana dashboard. Needs the Debian packages docker-compose and prometheus (promtool).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { SERVICE_NAMES } from '@weft/contracts';
import { KAFKA_VERSION } from '../cli/src/stack/stack-config';
import {
  expectAttachedRun,
  kafkaVersion,
  registeredMetricNames,
  requiredDeployEnv,
  run,
  SERVICE_CONFIG,
} from './support/deploy-checks';
import { REPO_ROOT } from './support/processes';

type ComposeService = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: unknown;
  ports?: unknown[];
  container_name?: string;
  profiles?: string[];
  volumes?: (string | { source?: string; target: string })[];
  depends_on?: Record<string, { condition: string }>;
};
type Compose = { services: Record<string, ComposeService> };

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const source = parseYaml(read('docker-compose.yml'), { merge: true }) as Compose;
const profiles = [...new Set(Object.values(source.services).flatMap((s) => s.profiles ?? []))];

/** docker-compose 1 prints `source:target:mode`, 2 an object. */
const mounts = (svc: ComposeService) =>
  (svc.volumes ?? []).map((v) =>
    typeof v === 'string'
      ? { source: v.split(':')[0] ?? '', target: v.split(':')[1] ?? '' }
      : { source: v.source ?? '', target: v.target },
  );

/** An image pulled by exact version (x.y.z) or digest. */
const PINNED = /^[\w./-]+(:v?\d+\.\d+\.\d+[\w.-]*(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})$/;

describe('docker-compose.yml', () => {
  let config: Compose;

  beforeAll(async () => {
    const withProfiles = profiles.flatMap((p) => ['--profile', p]);
    const { stdout } = await run('docker-compose', [...withProfiles, 'config'], { cwd: REPO_ROOT });
    config = parseYaml(stdout);
  });

  it.each(['(none)', ...profiles])('passes docker-compose config with profile %s', async (p) => {
    const args = p === '(none)' ? ['config', '-q'] : ['--profile', p, 'config', '-q'];
    await expect(run('docker-compose', args, { cwd: REPO_ROOT })).resolves.toBeDefined();
  });

  it('runs every service from the built tree with the environment its config requires', () => {
    const required = requiredDeployEnv();
    expect(required).toEqual(
      expect.arrayContaining(['WEFT_KAFKA_BROKERS', 'WEFT_REDIS_URL', 'WEFT_HTTP_HOST']),
    );
    for (const name of SERVICE_NAMES) {
      const svc = config.services[name] as ComposeService;
      expect(svc.command?.[1]).toBe(`dist/apps/${name}/src/main.js`);
      for (const variable of required) expect(svc.environment).toHaveProperty(variable);
      const parsed = SERVICE_CONFIG[name](svc.environment ?? {});
      expect(parsed.kafka.brokers).toEqual(['kafka:9092']);
      expect(parsed.redis.url).toBe('redis://redis:6379');
      expect(parsed.http.host).toBe('0.0.0.0');
      expect(svc.healthcheck).toBeDefined();
    }
  });

  it('scales every service but monitor: no host port, no container name, no fixed instance id', () => {
    for (const name of SERVICE_NAMES.filter((n) => n !== 'monitor')) {
      const svc = config.services[name] as ComposeService;
      expect({ name, ports: svc.ports ?? [] }).toEqual({ name, ports: [] });
      expect(svc.container_name).toBeUndefined();
      expect(svc.environment).not.toHaveProperty('WEFT_INSTANCE_ID');
    }
    expect(config.services.monitor?.environment).not.toHaveProperty('WEFT_INSTANCE_ID');
  });

  it('pins every image it pulls by exact version or digest, and tags the one it builds', () => {
    for (const [name, svc] of Object.entries(config.services)) {
      // Built here from this tree: a tag of its own, never `latest` (which a cluster pulls).
      const want = svc.build ? /^weft:(?!latest$)[\w.-]+$/ : PINNED;
      expect({ name, image: svc.image }).toEqual({ name, image: expect.stringMatching(want) });
    }
    // The check can fail: a floating tag is refused.
    expect('redis:7.4-alpine').not.toMatch(PINNED);
    expect('weft:latest').not.toMatch(PINNED);
  });

  it('builds the image on a Node LTS line (22 or 24) pinned to an exact release', () => {
    const from = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(from.length).toBeGreaterThan(0);
    for (const image of from) expect(image).toMatch(/^node:(22|24)\.\d+\.\d+-[a-z]+-slim$/);
  });

  it('drives the services with `weft run --attach` once every service is healthy, keeping the report', async () => {
    const driver = config.services.run as ComposeService;
    await expectAttachedRun(driver.command);
    expect(driver.environment).toMatchObject({
      WEFT_KAFKA_BROKERS: 'kafka:9092',
      WEFT_REDIS_URL: 'redis://redis:6379',
    });
    for (const name of SERVICE_NAMES)
      expect(driver.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    // The report's directory is on a volume that outlives the container (`docker compose cp`).
    const out = driver.command?.[driver.command.indexOf('--out') + 1] ?? '';
    expect(mounts(driver).some((m) => out.startsWith(`${m.target}/`))).toBe(true);
    expect(read('README.md')).toContain('docker compose cp run:/app/out ./out');
  });

  it('runs the Apache Kafka version of the local stack', () => {
    expect(kafkaVersion()).toBe(KAFKA_VERSION);
    expect(KAFKA_VERSION).toMatch(/^4\.1\.\d+$/);
    expect(config.services.kafka?.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
  });
});

describe('deploy/: Prometheus and Grafana for the compose stack', () => {
  const prometheus = parseYaml(read('deploy/prometheus.yml')) as {
    scrape_configs: { dns_sd_configs?: { names: string[]; type: string; port: number }[] }[];
  };
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/weft.json')) as {
    panels: { type: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
  };
  const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it('is a config promtool accepts', async () => {
    const { stdout } = await run('promtool', ['check', 'config', 'deploy/prometheus.yml'], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toContain('SUCCESS');
  });

  it('finds every replica of every service through compose DNS, on the port it listens on', () => {
    const sd = prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs ?? []);
    expect([...sd.flatMap((s) => s.names)].sort()).toEqual([...SERVICE_NAMES].sort());
    for (const s of sd) {
      expect(s.type).toBe('A');
      for (const name of s.names) {
        const env = source.services[name]?.environment ?? {};
        expect(SERVICE_CONFIG[name as (typeof SERVICE_NAMES)[number]](env).http.port).toBe(s.port);
      }
    }
  });

  it('provisions Grafana with the data source and the dashboard, both mounted', () => {
    const grafana = source.services.grafana as ComposeService;
    const targets = mounts(grafana).map((m) => `${m.source}→${m.target}`);
    expect(targets).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning→/etc/grafana/provisioning',
        './deploy/grafana/dashboards→/var/lib/grafana/dashboards',
      ]),
    );
    const sources = parseYaml(read('deploy/grafana/provisioning/datasources/prometheus.yaml')) as {
      datasources: { uid: string; url: string }[];
    };
    const provider = parseYaml(read('deploy/grafana/provisioning/dashboards/weft.yaml')) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
    expect(sources.datasources[0]?.url).toBe('http://prometheus:9090');
    const uid = sources.datasources[0]?.uid;
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row'))
      expect(panel.datasource?.uid).toBe(uid);
  });

  it('shows every weft metric the services export, and the Node.js defaults', () => {
    const shown = queries.join('\n');
    const names = registeredMetricNames();
    expect(names).toEqual(expect.arrayContaining(['weft_events_consumed_total']));
    for (const name of names)
      expect({ name, shown: shown.includes(name) }).toEqual({ name, shown: true });
    for (const name of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds'])
      expect(shown).toContain(name);
  });

  it('queries in PromQL that promtool parses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weft-dashboard-'));
    try {
      const rules = queries.map((expr, i) => ({ record: `weft:panel_query_${i}`, expr }));
      const file = join(dir, 'rules.yml');
      await writeFile(file, toYaml({ groups: [{ name: 'dashboard', rules }] }));
      await expect(run('promtool', ['check', 'rules', file])).resolves.toBeDefined();
      // The check can fail: a broken query is refused.
      await writeFile(
        file,
        toYaml({ groups: [{ name: 'bad', rules: [{ record: 'x:y', expr: 'sum(' }] }] }),
      );
      await expect(run('promtool', ['check', 'rules', file])).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
