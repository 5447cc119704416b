/**
 * k8s/ cannot be applied here (no cluster), so every overlay is rendered with kustomize
 * (kubectl kustomize) and checked offline: each resource against its schema (Kubernetes'
 * OpenAPI from kubernetes-models, KEDA's, Strimzi's and prometheus-operator's CRDs from
 * @kubernetes-models), Pod Security "restricted" on every pod template, NetworkPolicies
 * around every workload, and the Kafka version against what the pinned Strimzi runs.
 * Needs the Debian package kubectl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { ALL_TOPICS, ROLE_SERVICES, SERVICE_NAMES, ServiceInputs } from '@weft/contracts';
import {
  expectAttachedRun,
  kafkaVersion,
  operators,
  requiredDeployEnv,
  run,
  schemaProblems,
  SERVICE_CONFIG,
  validate,
  type Manifest,
} from './support/deploy-checks';
import { restrictedViolations, type PodSpec } from './support/pod-security';
import { REPO_ROOT } from './support/processes';

type Container = PodSpec['containers'][number] & {
  image: string;
  command?: string[];
  envFrom?: { configMapRef?: { name: string } }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts?: { name: string; mountPath: string }[];
};
type Template = {
  metadata: { labels: Record<string, string> };
  spec: PodSpec & { containers: Container[] };
};
type Workload = Manifest & { spec: { replicas?: number; template: Template } };
type KafkaCluster = Manifest & {
  spec: {
    kafka: {
      version: string;
      listeners: {
        name: string;
        port: number;
        type: string;
        tls: boolean;
        networkPolicyPeers?: Peer[];
      }[];
      config?: Record<string, unknown>;
    };
    entityOperator?: {
      topicOperator?: unknown;
      template?: Record<string, { securityContext?: unknown }>;
    };
  };
};
type NodePool = Manifest & {
  spec: {
    replicas: number;
    roles: string[];
    template?: Record<string, { securityContext?: unknown }>;
  };
};
type Topic = Manifest & { spec: { topicName?: string; partitions: number; replicas: number } };
type Scaled = Manifest & {
  spec: {
    scaleTargetRef: { name: string; kind?: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    triggers: { type: string; metadata: Record<string, string> }[];
  };
};
type Selector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: unknown };
type Rule = { to?: Peer[]; from?: Peer[]; ports?: { protocol?: string; port?: number }[] };
type Policy = Manifest & {
  spec: { podSelector: Selector; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] };
};

/** Kubernetes label selector semantics: every matchLabels entry and every expression hold. */
function selects(selector: Selector, labels: Record<string, string>): boolean {
  const labelsMatch = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    labelsMatch &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      if (operator === 'In') return values.includes(labels[key] ?? '');
      if (operator === 'NotIn') return !values.includes(labels[key] ?? '');
      if (operator === 'Exists') return key in labels;
      return !(key in labels);
    })
  );
}

const OVERLAYS = ['k8s/overlays/dev', 'k8s/overlays/load-test'];
const KAFKA_BROKER_POD = { 'strimzi.io/cluster': 'weft', 'strimzi.io/broker-role': 'true' };

describe('k8s/operators.json: the operators k8s/ needs, pinned', () => {
  it('runs the local stack’s Kafka on a Strimzi release that supports it (its own list)', () => {
    const { strimzi } = operators();
    expect(strimzi.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(strimzi.source).toContain(`tag ${strimzi.version}`);
    expect(strimzi.kafkaVersions).toContain(kafkaVersion());
    // The schemas the manifests are checked against are that release's CRDs.
    const models = JSON.parse(
      readFileSync(
        join(REPO_ROOT, 'node_modules/@kubernetes-models/strimzi-kafka-operator/package.json'),
        'utf8',
      ),
    ) as { version: string };
    expect(models.version).toBe(strimzi.version);
  });

  it('installs exactly those versions in the README', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const { strimzi, keda } = operators();
    expect(keda.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readme).toContain(`${strimzi.helmChart} --version ${strimzi.version}`);
    expect(readme).toContain(`${keda.helmChart} --version ${keda.version}`);
    for (const overlay of OVERLAYS) expect(readme).toContain(`kubectl apply -k ${overlay}`);
  });
});

describe.each(OVERLAYS)('%s (kustomize)', (overlay) => {
  let docs: Manifest[];
  const all = <T extends Manifest>(kind: string) => docs.filter((d) => d.kind === kind) as T[];
  const one = <T extends Manifest>(kind: string, name?: string) => {
    const found = all<T>(kind).filter((d) => name === undefined || d.metadata.name === name);
    expect(found.map((d) => d.metadata.name)).toHaveLength(1);
    return found[0] as T;
  };
  const workloads = () => [...all<Workload>('Deployment'), ...all<Workload>('Job')];

  /** What a workload's first container gets: its ConfigMaps, then its own env (a pod name). */
  function containerEnv(w: Workload): Record<string, string> {
    const c = w.spec.template.spec.containers[0] as Container;
    const env: Record<string, string> = {};
    for (const from of c.envFrom ?? []) {
      const ref = from.configMapRef?.name;
      if (ref) Object.assign(env, one('ConfigMap', ref).data);
    }
    for (const e of c.env ?? []) env[e.name] = e.value ?? `${w.metadata.name}-7d9f8c6b5-x2x4q`;
    return env;
  }
  const serviceEnv = (name: string) => containerEnv(one<Workload>('Deployment', name));

  beforeAll(async () => {
    const { stdout } = await run('kubectl', ['kustomize', overlay], { cwd: REPO_ROOT });
    docs = parseAllDocuments(stdout).map((d) => d.toJSON() as Manifest);
  });

  it('renders, and every resource validates against its schema (Kubernetes, KEDA, Strimzi, prometheus-operator)', async () => {
    expect(docs.length).toBeGreaterThan(0);
    expect(await schemaProblems(docs)).toEqual([]);
    expect(docs.every((d) => d.kind === 'Namespace' || d.metadata.namespace === 'weft')).toBe(true);
  });

  it('rejects a resource that breaks its schema (the check can fail)', async () => {
    const broken = structuredClone(all<Workload>('Deployment')[0]) as Manifest & {
      spec: { replicas: unknown };
    };
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
    const untargeted = structuredClone(one<Scaled>('ScaledObject', 'bidding'));
    delete (untargeted.spec as Partial<Scaled['spec']>).scaleTargetRef;
    expect(() => validate(untargeted)).toThrow(/must have required property scaleTargetRef/);

    const topic = structuredClone(all<Topic>('KafkaTopic')[0] as Topic);
    topic.spec.partitions = 0;
    const pool = structuredClone(one<NodePool>('KafkaNodePool'));
    pool.spec.roles = ['broker', 'zookeeper'];
    const monitor = structuredClone(
      one<Manifest & { spec: { endpoints: unknown } }>('ServiceMonitor'),
    );
    monitor.spec.endpoints = 'http';
    const unknown = { ...structuredClone(topic), kind: 'KafkaTopics' };
    expect(await schemaProblems([topic, pool, monitor, unknown])).toEqual([
      expect.stringMatching(/^KafkaTopic .*partitions must be >= 1/),
      expect.stringMatching(/^KafkaNodePool .*roles\/1 must be equal to one of the allowed values/),
      expect.stringMatching(/^ServiceMonitor weft: .*endpoints must be array/),
      expect.stringMatching(/^KafkaTopics .*no schema for kafka.strimzi.io\/v1 KafkaTopics/),
    ]);
  });

  it('gives every workload the environment its service requires, and each service’s config accepts it', () => {
    const required = requiredDeployEnv();
    const weft = workloads().filter((w) =>
      ['service', 'run'].includes(
        w.spec.template.metadata.labels['app.kubernetes.io/component'] ?? '',
      ),
    );
    expect(weft).toHaveLength(SERVICE_NAMES.length + 1);
    for (const w of weft) {
      const env = containerEnv(w);
      for (const variable of required)
        expect({ workload: w.metadata.name, variable, set: variable in env }).toMatchObject({
          set: true,
        });
    }
    for (const name of SERVICE_NAMES) {
      const config = SERVICE_CONFIG[name](serviceEnv(name));
      expect(config.http.host).toBe('0.0.0.0');
      expect(config.instanceId).toBe(`${name}-7d9f8c6b5-x2x4q`); // the pod's name
    }
  });

  it('deploys every service with probes on /health, resource requests and a Service', () => {
    for (const name of SERVICE_NAMES) {
      const c = one<Workload>('Deployment', name).spec.template.spec.containers[0];
      expect(c).toMatchObject({
        command: ['node', `dist/apps/${name}/src/main.js`],
        readinessProbe: { httpGet: { path: '/health' } },
        livenessProbe: { httpGet: { path: '/health' } },
        resources: { requests: { cpu: expect.any(String), memory: expect.any(String) } },
      });
      expect(c?.image).toMatch(/^([\w.-]+\/)*weft:(?!latest$)[\w.-]+$/);
      one('Service', name);
    }
  });

  it('meets Pod Security "restricted" in every pod template, and the namespace enforces it', () => {
    const ns = one<Manifest>('Namespace', 'weft');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    for (const w of workloads())
      expect({
        workload: w.metadata.name,
        problems: restrictedViolations(w.spec.template.spec),
      }).toEqual({
        workload: w.metadata.name,
        problems: [],
      });
    const reader = parseYaml(
      readFileSync(join(REPO_ROOT, 'k8s/tools/report-reader.yaml'), 'utf8'),
    ) as {
      spec: PodSpec;
    };
    expect(restrictedViolations(reader.spec)).toEqual([]);
    // Strimzi's pods get the same contexts through the custom resources' templates.
    const strimziContexts = [
      one<NodePool>('KafkaNodePool').spec.template,
      one<KafkaCluster>('Kafka').spec.entityOperator?.template,
    ];
    for (const template of strimziContexts) {
      expect(template?.pod?.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const containers = Object.entries(template ?? {}).filter(([k]) => k.endsWith('Container'));
      expect(containers.length).toBeGreaterThan(0);
      for (const [, c] of containers)
        expect(c.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
    }
  });

  it('writes the run’s report to a claim, with `weft run --attach` and the services’ config', async () => {
    const job = one<Workload>('Job', 'weft-run');
    const c = job.spec.template.spec.containers[0] as Container;
    await expectAttachedRun(c.command);
    const env = containerEnv(job);
    expect(env).toMatchObject({
      WEFT_KAFKA_BROKERS: serviceEnv('shops').WEFT_KAFKA_BROKERS,
      WEFT_REDIS_URL: serviceEnv('shops').WEFT_REDIS_URL,
    });
    const out = c.command?.[c.command.indexOf('--out') + 1] ?? '';
    const mount = c.volumeMounts?.find((m) => out.startsWith(`${m.mountPath}/`));
    const volume = job.spec.template.spec.volumes?.find((v) => v.name === mount?.name) as
      { persistentVolumeClaim?: { claimName: string } } | undefined;
    one('PersistentVolumeClaim', volume?.persistentVolumeClaim?.claimName);
  });

  it('runs Kafka from Strimzi in KRaft mode, the local stack’s version, and the services reach it', () => {
    const kafka = one<KafkaCluster>('Kafka');
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(kafka.spec.kafka.version).toBe(kafkaVersion());
    expect(operators().strimzi.kafkaVersions).toContain(kafka.spec.kafka.version);
    expect(kafka.spec).not.toHaveProperty('zookeeper');
    expect(kafka.spec.entityOperator?.topicOperator).toBeDefined();
    const pools = all<NodePool>('KafkaNodePool').filter(
      (p) => p.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name,
    );
    expect([...new Set(pools.flatMap((p) => p.spec.roles))].sort()).toEqual([
      'broker',
      'controller',
    ]);
    const plain = kafka.spec.kafka.listeners.find((l) => l.type === 'internal' && !l.tls);
    for (const name of SERVICE_NAMES)
      expect(serviceEnv(name).WEFT_KAFKA_BROKERS).toBe(
        `${kafka.metadata.name}-kafka-bootstrap:${plain?.port}`,
      );

    const compose = parseYaml(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: { kafka: { environment: Record<string, string> } };
    };
    const composeEnv = compose.services.kafka.environment;
    expect(kafka.spec.kafka.config).toMatchObject({
      'num.partitions': Number(composeEnv.KAFKA_NUM_PARTITIONS),
      'offsets.topic.replication.factor': Number(composeEnv.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR),
      'group.initial.rebalance.delay.ms': Number(composeEnv.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS),
    });
  });

  it('declares a KafkaTopic for every topic the code uses (dead letters included), as the services make them', () => {
    const kafka = one<KafkaCluster>('Kafka');
    const brokers = all<NodePool>('KafkaNodePool')
      .filter((p) => p.spec.roles.includes('broker'))
      .reduce((n, p) => n + p.spec.replicas, 0);
    const config = SERVICE_CONFIG.shops(serviceEnv('shops'));
    const topics = all<Topic>('KafkaTopic');
    const names = topics.map((t) => t.spec.topicName ?? t.metadata.name);
    expect(ALL_TOPICS).toContain('weft.dlq');
    expect([...names].sort()).toEqual(ALL_TOPICS.map((t) => config.kafka.topicPrefix + t).sort());
    for (const t of topics) {
      expect(t.metadata.labels?.['strimzi.io/cluster']).toBe(kafka.metadata.name);
      expect(t.spec.partitions).toBe(config.kafka.partitions);
      expect(t.spec.replicas).toBeLessThanOrEqual(brokers);
    }
  });

  it.each(['shops', 'bidding'])(
    'scales %s on its consumer lag with KEDA, within the partition count',
    (name) => {
      const kafka = one<KafkaCluster>('Kafka');
      const config = SERVICE_CONFIG[name as 'shops'](serviceEnv(name));
      const so = one<Scaled>('ScaledObject', name);
      expect(so.spec.scaleTargetRef).toMatchObject({ name });
      expect(one<Workload>('Deployment', name).spec).not.toHaveProperty('replicas');
      const min = so.spec.minReplicaCount ?? 0;
      const max = so.spec.maxReplicaCount ?? 100;
      expect(min).toBeGreaterThanOrEqual(1);
      expect(max).toBeGreaterThanOrEqual(min);
      expect(max).toBeLessThanOrEqual(config.kafka.partitions);
      const bootstrap = `${kafka.metadata.name}-kafka-bootstrap.${so.metadata.namespace}.svc:9092`;
      for (const t of so.spec.triggers) {
        expect(t.type).toBe('kafka');
        expect(t.metadata).toMatchObject({
          bootstrapServers: bootstrap,
          consumerGroup: config.kafka.groupId,
          offsetResetPolicy: 'earliest',
        });
      }
      const topics = so.spec.triggers.map((t) => t.metadata.topic);
      const inputs = ServiceInputs[name as 'shops'] as readonly string[];
      expect([...topics].sort()).toEqual(inputs.map((t) => config.kafka.topicPrefix + t).sort());
    },
  );

  it('keeps a PodDisruptionBudget for every role service, which can run several replicas', () => {
    const budgets = all<Manifest & { spec: { selector: Selector; maxUnavailable?: number } }>(
      'PodDisruptionBudget',
    );
    for (const name of ROLE_SERVICES) {
      const labels = one<Workload>('Deployment', name).spec.template.metadata.labels;
      const mine = budgets.filter((b) => selects(b.spec.selector, labels));
      expect({ name, budgets: mine.length }).toEqual({ name, budgets: 1 });
      expect(mine[0]?.spec.maxUnavailable).toBe(1);
    }
  });

  it('lets each workload talk only to Kafka, Redis and DNS, and lets in only Prometheus and monitor’s viewers', () => {
    const policies = all<Policy>('NetworkPolicy');
    const selecting = (labels: Record<string, string>, type: string) =>
      policies.filter(
        (p) => p.spec.policyTypes.includes(type) && selects(p.spec.podSelector, labels),
      );
    const redisLabels = one<Workload>('Deployment', 'redis').spec.template.metadata.labels;
    const allowed = (rule: Rule, labels: Record<string, string>, port: number) =>
      (rule.ports ?? []).some((p) => p.port === port) &&
      (rule.to ?? []).some(
        (peer) => peer.podSelector !== undefined && selects(peer.podSelector, labels),
      );

    for (const w of workloads()) {
      const labels = w.spec.template.metadata.labels;
      const at = w.metadata.name;
      // Default deny: a policy on every pod that allows nothing itself.
      expect(selecting(labels, 'Ingress').some((p) => !p.spec.ingress?.length)).toBe(true);
      expect(selecting(labels, 'Egress').some((p) => !p.spec.egress?.length)).toBe(true);
      const egress = selecting(labels, 'Egress').flatMap((p) => p.spec.egress ?? []);
      const ports = egress.flatMap((r) => (r.ports ?? []).map((p) => p.port));
      if (at === 'redis') {
        expect({ at, ports: [...new Set(ports)].sort() }).toEqual({ at, ports: [53] });
        continue;
      }
      expect({ at, ports: [...new Set(ports)].sort() }).toEqual({ at, ports: [53, 6379, 9092] });
      expect(egress.some((r) => allowed(r, KAFKA_BROKER_POD, 9092))).toBe(true);
      expect(egress.some((r) => allowed(r, redisLabels, 6379))).toBe(true);
      // Kafka lets it in: Strimzi writes the listener's policy from its networkPolicyPeers.
      const peers = one<KafkaCluster>('Kafka').spec.kafka.listeners[0]?.networkPolicyPeers ?? [];
      expect(peers.some((p) => p.podSelector && selects(p.podSelector, labels))).toBe(true);
      // Redis lets it in.
      const redisIngress = selecting(redisLabels, 'Ingress').flatMap((p) => p.spec.ingress ?? []);
      expect(
        redisIngress.some((r) =>
          (r.from ?? []).some((f) => f.podSelector && selects(f.podSelector, labels)),
        ),
      ).toBe(true);
    }
    for (const name of SERVICE_NAMES) {
      const labels = one<Workload>('Deployment', name).spec.template.metadata.labels;
      const ingress = selecting(labels, 'Ingress').flatMap((p) => p.spec.ingress ?? []);
      const fromMonitoring = ingress.some((r) =>
        (r.from ?? []).some(
          (f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring',
        ),
      );
      expect({ name, fromMonitoring }).toEqual({ name, fromMonitoring: true });
      const fromAnywhere = ingress.some(
        (r) => r.from === undefined && r.ports?.some((p) => p.port === 3000),
      );
      expect({ name, fromAnywhere }).toEqual({ name, fromAnywhere: name === 'monitor' });
    }
  });

  it('has prometheus-operator scrape every service on its /metrics port', () => {
    const monitor = one<
      Manifest & { spec: { selector: Selector; endpoints: { port: string; path: string }[] } }
    >('ServiceMonitor');
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: 'http', path: '/metrics' }),
    ]);
    const scraped = all<Manifest & { spec: { ports: { name: string }[] } }>('Service').filter((s) =>
      selects(monitor.spec.selector, s.metadata.labels ?? {}),
    );
    expect(scraped.map((s) => s.metadata.name).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const s of scraped) expect(s.spec.ports.map((p) => p.name)).toContain('http');
  });
});

describe('k8s/overlays/load-test', () => {
  it('drives a larger world than dev', async () => {
    const scaleOf = async (overlay: string) => {
      const { stdout } = await run('kubectl', ['kustomize', overlay], { cwd: REPO_ROOT });
      const job = parseAllDocuments(stdout)
        .map((d) => d.toJSON() as Workload)
        .find((d) => d.kind === 'Job');
      const command = job?.spec.template.spec.containers[0]?.command ?? [];
      return Number(command[command.indexOf('--scale') + 1]);
    };
    expect(await scaleOf('k8s/overlays/load-test')).toBeGreaterThan(
      await scaleOf('k8s/overlays/dev'),
    );
  });
});
