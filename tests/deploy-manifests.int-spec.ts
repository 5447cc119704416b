/**
 * docker-compose.yml and k8s/ cannot be run here (no Docker engine, no cluster), so they
 * are checked with the real tools offline: docker-compose's own validator, kustomize's
 * renderer (kubectl kustomize) and the resources' OpenAPI schemas: Kubernetes'
 * (kubernetes-models), KEDA's CRDs (@kubernetes-models/keda) and Strimzi's CRDs
 * (@kubernetes-models/strimzi-kafka-operator).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { ALL_TOPICS, SERVICE_NAMES, ServiceInputs } from '@weft/contracts';
import type { ServiceConfig } from '@weft/service';
import { BiddingService } from '../apps/bidding/src/bidding.service';
import { ShopsService } from '../apps/shops/src/shops.service';
import { REPO_ROOT } from './support/processes';

const run = promisify(execFile);

/**
 * Checks a `weft run --attach` command line against the real CLI: every flag it uses is
 * one `weft run` knows, and it drives the deployment rather than starting its own stack.
 */
async function expectAttachedRun(command: readonly string[] | undefined): Promise<void> {
  expect(command?.slice(0, 3)).toEqual(['node', 'bin/weft.js', 'run']);
  const args = command?.slice(3) ?? [];
  expect(args).toEqual(expect.arrayContaining(['--engine', 'kafka', '--attach']));
  const { stdout: help } = await run('node', ['bin/weft.js', 'run', '--help'], { cwd: REPO_ROOT });
  for (const flag of args.filter((a) => a.startsWith('--'))) expect(help).toContain(flag);
  const scenario = args[args.indexOf('--scenario') + 1];
  expect(existsSync(join(REPO_ROOT, 'scenarios', `${scenario}.yaml`))).toBe(true);
}

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
};

const validators: Record<string, (doc: Manifest) => void> = {
  'apps/v1/Deployment': (d) => new Deployment(d as never).validate(),
  'batch/v1/Job': (d) => new Job(d as never).validate(),
  'v1/Service': (d) => new Service(d as never).validate(),
  'v1/ConfigMap': (d) => new ConfigMap(d as never).validate(),
  'v1/Namespace': (d) => new Namespace(d as never).validate(),
  'keda.sh/v1alpha1/ScaledObject': (d) => new ScaledObject(d as never).validate(),
};

function validate(doc: Manifest): void {
  const check = validators[`${doc.apiVersion}/${doc.kind}`];
  if (!check) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind} ${doc.metadata.name}`);
  check(doc);
}

const STRIMZI_GROUP = 'kafka.strimzi.io/';

/**
 * The Strimzi models are ES modules only, which Jest's CommonJS runtime cannot load, so a
 * plain Node process validates them: it reads the resources as JSON on stdin and answers
 * one entry per resource, null when valid, else the schema's complaint.
 */
const STRIMZI_VALIDATOR = `
const docs = JSON.parse(await new Promise((done) => {
  let text = '';
  process.stdin.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => done(text));
}));
const results = [];
for (const doc of docs) {
  const [group, version] = doc.apiVersion.split('/');
  let Model;
  try {
    const mod = await import('@kubernetes-models/strimzi-kafka-operator/' + group + '/' + version + '/' + doc.kind);
    Model = mod[doc.kind];
  } catch {}
  if (typeof Model !== 'function') {
    results.push('no schema for ' + doc.apiVersion + ' ' + doc.kind + ' ' + doc.metadata.name);
    continue;
  }
  try {
    new Model(doc).validate();
    results.push(null);
  } catch (err) {
    results.push(String(err.message));
  }
}
process.stdout.write(JSON.stringify(results));
`;

async function validateStrimzi(docs: Manifest[]): Promise<(string | null)[]> {
  const pending = run(process.execPath, ['--input-type=module', '-e', STRIMZI_VALIDATOR], {
    cwd: REPO_ROOT,
  });
  pending.child.stdin?.end(JSON.stringify(docs));
  const { stdout } = await pending;
  const results = JSON.parse(stdout) as (string | null)[];
  expect(results).toHaveLength(docs.length);
  return results;
}

/** Every resource's schema problem, as "Kind name: problem"; empty when all are valid. */
async function schemaProblems(docs: Manifest[]): Promise<string[]> {
  const label = (d: Manifest) => `${d.kind} ${d.metadata.name}`;
  const problems: string[] = [];
  const strimzi = docs.filter((d) => d.apiVersion.startsWith(STRIMZI_GROUP));
  for (const doc of docs.filter((d) => !strimzi.includes(d))) {
    try {
      validate(doc);
    } catch (err) {
      problems.push(`${label(doc)}: ${(err as Error).message}`);
    }
  }
  const results = strimzi.length > 0 ? await validateStrimzi(strimzi) : [];
  results.forEach((r, i) => {
    if (r !== null) problems.push(`${label(strimzi[i] as Manifest)}: ${r}`);
  });
  return problems;
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
        WEFT_HTTP_HOST: '0.0.0.0',
      });
      expect(svc?.healthcheck).toBeDefined();
    }
  });

  it('drives the services with `weft run --attach` once all six are healthy, keeping the report', async () => {
    const driver = config.services.run as (typeof config.services)[string] & {
      depends_on?: Record<string, { condition: string }>;
      volumes?: (string | { target: string })[];
    };
    await expectAttachedRun(driver.command);
    expect(driver.environment).toMatchObject({
      WEFT_KAFKA_BROKERS: 'kafka:9092',
      WEFT_REDIS_URL: 'redis://redis:6379',
    });
    for (const name of SERVICE_NAMES)
      expect(driver.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    const out = driver.command?.[driver.command.indexOf('--out') + 1] ?? '';
    // docker-compose 1 prints `source:target:mode`, 2 an object: either way, the report's
    // directory is on a volume that outlives the container.
    const targets = (driver.volumes ?? []).map((v) =>
      typeof v === 'string' ? (v.split(':')[1] ?? '') : v.target,
    );
    expect(targets.some((t) => out.startsWith(`${t}/`))).toBe(true);
  });

  it('runs the same Apache Kafka version as the local stack', () => {
    expect(config.services.kafka?.image).toBe(`apache/kafka:${kafkaVersion()}`);
  });
});

type Container = {
  image: string;
  command?: string[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
};
type Workload = Manifest & {
  spec: { replicas?: number; template: { spec: { containers: Container[] } } };
};
type KafkaCluster = Manifest & {
  spec: {
    kafka: {
      version: string;
      listeners: { name: string; port: number; type: string; tls: boolean }[];
      config?: Record<string, unknown>;
    };
    entityOperator?: { topicOperator?: unknown };
  };
};
type NodePool = Manifest & { spec: { replicas: number; roles: string[] } };
type Topic = Manifest & { spec: { topicName?: string; partitions: number; replicas: number } };
type KedaTrigger = { type: string; metadata: Record<string, string> };
type Scaled = Manifest & {
  spec: {
    scaleTargetRef: { name: string; kind?: string; apiVersion?: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    triggers: KedaTrigger[];
  };
};

/** The services KEDA scales on consumer lag, and how each one reads its environment. */
const SCALED: Record<string, (env: Record<string, string>) => ServiceConfig> = {
  shops: ShopsService.loadConfig,
  bidding: BiddingService.loadConfig,
};

describe('k8s/ (kustomize)', () => {
  let docs: Manifest[];
  const all = <T extends Manifest>(kind: string) => docs.filter((d) => d.kind === kind) as T[];
  const one = <T extends Manifest>(kind: string, name?: string) => {
    const found = all<T>(kind).filter((d) => name === undefined || d.metadata.name === name);
    expect(found.map((d) => d.metadata.name)).toHaveLength(1);
    return found[0] as T;
  };

  /** What the service's container gets: its ConfigMaps, then its own env (a pod name). */
  function containerEnv(name: string): Record<string, string> {
    const c = one<Workload>('Deployment', name).spec.template.spec.containers[0] as Container;
    const env: Record<string, string> = {};
    for (const from of c.envFrom ?? []) {
      const ref = from.configMapRef?.name;
      if (ref) Object.assign(env, one('ConfigMap', ref).data);
    }
    for (const e of c.env ?? []) env[e.name] = e.value ?? `${name}-7d9f8c6b5-x2x4q`;
    return env;
  }

  beforeAll(async () => {
    const { stdout } = await run('kubectl', ['kustomize', 'k8s'], { cwd: REPO_ROOT });
    docs = parseAllDocuments(stdout).map((d) => d.toJSON() as Manifest);
  });

  it('renders and every resource validates against its schema (Kubernetes, KEDA, Strimzi)', async () => {
    expect(docs.length).toBeGreaterThan(0);
    expect(await schemaProblems(docs)).toEqual([]);
  });

  it('rejects a resource that breaks the schema (the check can fail)', async () => {
    const broken = structuredClone(docs.find((d) => d.kind === 'Deployment')) as Manifest & {
      spec: { replicas: unknown };
    };
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);

    const scaled = structuredClone(one<Scaled>('ScaledObject', 'shops'));
    (scaled.spec as { maxReplicaCount: unknown }).maxReplicaCount = 'six';
    expect(() => validate(scaled)).toThrow(/maxReplicaCount must be integer/);
    const untargeted = structuredClone(one<Scaled>('ScaledObject', 'bidding'));
    delete (untargeted.spec as Partial<Scaled['spec']>).scaleTargetRef;
    expect(() => validate(untargeted)).toThrow(/must have required property scaleTargetRef/);

    const topic = structuredClone(all<Topic>('KafkaTopic')[0] as Topic);
    topic.spec.partitions = 0;
    const kafka = structuredClone(one<KafkaCluster>('Kafka'));
    (kafka.spec.kafka.listeners[0] as { port: unknown }).port = '9092';
    const pool = structuredClone(one<NodePool>('KafkaNodePool'));
    pool.spec.roles = ['broker', 'zookeeper'];
    const unknown = { ...structuredClone(topic), kind: 'KafkaTopics' };
    const problems = await schemaProblems([topic, kafka, pool, unknown]);
    expect(problems).toEqual([
      expect.stringMatching(/^KafkaTopic .*partitions must be >= 1/),
      expect.stringMatching(/^Kafka weft: .*port must be integer/),
      expect.stringMatching(/^KafkaNodePool .*roles\/1 must be equal to one of the allowed values/),
      expect.stringMatching(/^KafkaTopics .*no schema for kafka.strimzi.io\/v1beta2 KafkaTopics/),
    ]);
  });

  it('runs a Job that drives the deployed services with `weft run --attach`, with their config', async () => {
    type RunJob = Manifest & {
      spec: {
        template: {
          spec: {
            restartPolicy: string;
            containers: (Container & { volumeMounts?: { mountPath: string }[] })[];
          };
        };
      };
    };
    const job = one<RunJob>('Job', 'weft-run');
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const c = pod.containers[0];
    await expectAttachedRun(c?.command);
    // The services' ConfigMap (kustomize names it with a hash): the same brokers and Redis.
    const refs = c?.envFrom?.map((e) => e.configMapRef?.name ?? '') ?? [];
    const env = Object.assign({}, ...refs.map((r) => one('ConfigMap', r).data)) as Record<
      string,
      string
    >;
    expect(env).toMatchObject({
      WEFT_KAFKA_BROKERS: containerEnv('shops').WEFT_KAFKA_BROKERS,
      WEFT_REDIS_URL: containerEnv('shops').WEFT_REDIS_URL,
    });
    const out = c?.command?.[c.command.indexOf('--out') + 1] ?? '';
    expect(c?.volumeMounts?.some((m) => out.startsWith(`${m.mountPath}/`))).toBe(true);
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
      // Services bind to loopback by default; a pod's probes and Service need every interface.
      expect(containerEnv(name).WEFT_HTTP_HOST).toBe('0.0.0.0');
      expect(docs.some((x) => x.kind === 'Service' && x.metadata.name === name)).toBe(true);
    }
  });

  it('runs Kafka from Strimzi in KRaft mode, the same version as the local stack, and the services reach it', () => {
    const kafka = one<KafkaCluster>('Kafka');
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(kafka.spec.kafka.version).toBe(kafkaVersion());
    expect(kafka.spec.kafka.version).toMatch(/^3\.9\.\d+$/);
    expect(kafka.spec).not.toHaveProperty('zookeeper');
    expect(kafka.spec.entityOperator?.topicOperator).toBeDefined();

    // KRaft: node pools of this cluster hold both roles.
    const pools = all<NodePool>('KafkaNodePool').filter(
      (p) => p.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name,
    );
    expect(pools.length).toBeGreaterThan(0);
    const roles = new Set(pools.flatMap((p) => p.spec.roles));
    expect([...roles].sort()).toEqual(['broker', 'controller']);
    expect(pools.every((p) => p.spec.replicas >= 1)).toBe(true);

    // The services' brokers: the plain listener behind the cluster's bootstrap service.
    const plain = kafka.spec.kafka.listeners.find((l) => l.type === 'internal' && !l.tls);
    expect(plain).toBeDefined();
    for (const name of SERVICE_NAMES) {
      expect(containerEnv(name).WEFT_KAFKA_BROKERS).toBe(
        `${kafka.metadata.name}-kafka-bootstrap:${plain?.port}`,
      );
    }

    // Shares the Compose broker's defaults.
    const compose = parseYaml(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: { kafka: { environment: Record<string, string> } };
    };
    const composeEnv = compose.services.kafka.environment;
    expect(kafka.spec.kafka.config).toMatchObject({
      'num.partitions': Number(composeEnv.KAFKA_NUM_PARTITIONS),
      'offsets.topic.replication.factor': Number(composeEnv.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR),
      'transaction.state.log.replication.factor': Number(
        composeEnv.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR,
      ),
      'transaction.state.log.min.isr': Number(composeEnv.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR),
      'group.initial.rebalance.delay.ms': Number(composeEnv.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS),
    });

    // No hand-written broker besides Strimzi's.
    const workloads = docs.filter((d) => ['Deployment', 'StatefulSet'].includes(d.kind));
    for (const w of workloads as Workload[]) {
      for (const c of w.spec.template.spec.containers) expect(c.image).not.toMatch(/kafka/i);
    }
  });

  it('declares one KafkaTopic per catalogue topic, with the partition count the services use', () => {
    const kafka = one<KafkaCluster>('Kafka');
    const brokers = all<NodePool>('KafkaNodePool')
      .filter((p) => p.spec.roles.includes('broker'))
      .reduce((n, p) => n + p.spec.replicas, 0);
    const config = ShopsService.loadConfig(containerEnv('shops'));
    for (const name of SERVICE_NAMES) {
      expect(containerEnv(name).WEFT_TOPIC_PARTITIONS).toBe(String(config.kafka.partitions));
    }
    const topics = all<Topic>('KafkaTopic');
    const names = topics.map((t) => t.spec.topicName ?? t.metadata.name);
    expect([...names].sort()).toEqual(ALL_TOPICS.map((t) => config.kafka.topicPrefix + t).sort());
    for (const t of topics) {
      expect(t.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
      expect(t.spec.partitions).toBe(config.kafka.partitions);
      expect(t.spec.replicas).toBeGreaterThanOrEqual(1);
      expect(t.spec.replicas).toBeLessThanOrEqual(brokers);
    }
  });

  it.each(Object.keys(SCALED))(
    'scales %s on its consumer lag with KEDA, within the partition count',
    (name) => {
      const kafka = one<KafkaCluster>('Kafka');
      const config = (SCALED[name] as (typeof SCALED)[string])(containerEnv(name));
      const so = one<Scaled>('ScaledObject', name);
      expect(so.apiVersion).toBe('keda.sh/v1alpha1');
      expect(so.spec.scaleTargetRef).toMatchObject({ name });
      expect(so.spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
      // The HPA owns the count; a fixed one would be reset by every apply.
      expect(one<Workload>('Deployment', name).spec).not.toHaveProperty('replicas');

      const min = so.spec.minReplicaCount ?? 0;
      const max = so.spec.maxReplicaCount ?? 100;
      expect(min).toBeGreaterThanOrEqual(1);
      expect(max).toBeGreaterThanOrEqual(min);
      expect(max).toBeLessThanOrEqual(config.kafka.partitions);

      // The scaler runs in KEDA's namespace: the bootstrap address names the service's.
      const bootstrap = `${kafka.metadata.name}-kafka-bootstrap.${so.metadata.namespace}.svc:9092`;
      expect(so.spec.triggers.map((t) => t.type)).toEqual(so.spec.triggers.map(() => 'kafka'));
      for (const t of so.spec.triggers) {
        expect(t.metadata).toMatchObject({
          bootstrapServers: bootstrap,
          consumerGroup: config.kafka.groupId,
          offsetResetPolicy: 'earliest', // the role runner subscribes fromBeginning
        });
        expect(t.metadata.lagThreshold).toMatch(/^[1-9]\d*$/);
      }
      const topics = so.spec.triggers.map((t) => t.metadata.topic);
      const inputs = ServiceInputs[name as keyof typeof ServiceInputs] as readonly string[];
      expect([...topics].sort()).toEqual(inputs.map((t) => config.kafka.topicPrefix + t).sort());
    },
  );

  it('scales only the services that have a ScaledObject, each one once', () => {
    const targets = all<Scaled>('ScaledObject').map((s) => s.spec.scaleTargetRef.name);
    expect([...targets].sort()).toEqual(Object.keys(SCALED).sort());
  });
});
