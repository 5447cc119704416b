/**
 * docker-compose.yml and k8s/ cannot be run here (no Docker engine, no cluster), so they
 * are checked with the real tools offline: docker-compose's own validator, kustomize's
 * renderer (kubectl kustomize) and the Kubernetes OpenAPI schemas (kubernetes-models).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { SERVICE_NAMES } from '@weft/contracts';
import { REPO_ROOT } from './support/processes';

const run = promisify(execFile);

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: unknown };

const validators: Record<string, (doc: Manifest) => void> = {
  'apps/v1/Deployment': (d) => new Deployment(d as never).validate(),
  'v1/Service': (d) => new Service(d as never).validate(),
  'v1/ConfigMap': (d) => new ConfigMap(d as never).validate(),
  'v1/Namespace': (d) => new Namespace(d as never).validate(),
};

function validate(doc: Manifest): void {
  const check = validators[`${doc.apiVersion}/${doc.kind}`];
  if (!check) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind} ${doc.metadata.name}`);
  check(doc);
}

const kafkaVersion = () =>
  /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([\d.]+)<\/version>/.exec(
    readFileSync(join(REPO_ROOT, 'stack/kafka/pom.xml'), 'utf8'),
  )?.[1];

describe('docker-compose.yml', () => {
  let config: {
    services: Record<
      string,
      {
        command?: string[];
        environment?: Record<string, string>;
        healthcheck?: unknown;
        image?: string;
      }
    >;
  };

  beforeAll(async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: REPO_ROOT,
    });
    config = parseYaml(stdout);
  });

  it('passes docker-compose config', async () => {
    await expect(
      run('docker-compose', ['config', '-q'], { cwd: REPO_ROOT }),
    ).resolves.toBeDefined();
  });

  it('runs every service from the built tree, wired to Kafka and Redis, with a health check', () => {
    for (const name of SERVICE_NAMES) {
      const svc = config.services[name];
      expect(svc).toBeDefined();
      const entry = svc?.command?.[1] ?? '';
      expect(entry).toBe(`dist/apps/${name}/src/main.js`);
      expect(existsSync(join(REPO_ROOT, entry))).toBe(true);
      expect(svc?.environment).toMatchObject({
        WEFT_KAFKA_BROKERS: 'kafka:9092',
        WEFT_REDIS_URL: 'redis://redis:6379',
      });
      expect(svc?.healthcheck).toBeDefined();
    }
  });

  it('runs the same Apache Kafka version as the local stack', () => {
    expect(config.services.kafka?.image).toBe(`apache/kafka:${kafkaVersion()}`);
  });
});

describe('k8s/ (kustomize)', () => {
  let docs: Manifest[];

  beforeAll(async () => {
    const { stdout } = await run('kubectl', ['kustomize', 'k8s'], { cwd: REPO_ROOT });
    docs = parseAllDocuments(stdout).map((d) => d.toJSON() as Manifest);
  });

  it('renders and every resource validates against the Kubernetes schema', () => {
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(() => validate(doc)).not.toThrow();
  });

  it('rejects a resource that breaks the schema (the check can fail)', () => {
    const broken = structuredClone(docs.find((d) => d.kind === 'Deployment')) as Manifest & {
      spec: { replicas: unknown };
    };
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
  });

  it('deploys every service with probes on /health and resource requests', () => {
    for (const name of SERVICE_NAMES) {
      const d = docs.find((x) => x.kind === 'Deployment' && x.metadata.name === name) as
        | (Manifest & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } })
        | undefined;
      expect(d).toBeDefined();
      const c = d?.spec.template.spec.containers[0];
      expect(c).toMatchObject({
        command: ['node', `dist/apps/${name}/src/main.js`],
        readinessProbe: { httpGet: { path: '/health' } },
        livenessProbe: { httpGet: { path: '/health' } },
        resources: { requests: { cpu: expect.any(String), memory: expect.any(String) } },
      });
      expect(docs.some((x) => x.kind === 'Service' && x.metadata.name === name)).toBe(true);
    }
  });
});
