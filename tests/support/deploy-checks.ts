/**
 * What the deployment tests share: the real CLI's flags, the versions the repository pins,
 * what each service needs from its environment (read from the services' own config code),
 * and schema validation of Kubernetes resources offline.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { ServiceName } from '@weft/contracts';
import { parseEnv, serviceEnv, type ServiceConfig } from '@weft/service';
import { BiddingService } from '../../apps/bidding/src/bidding.service';
import { loadCapacityConfig } from '../../apps/capacity/src/config';
import { ConsumersService } from '../../apps/consumers/src/consumers.service';
import { loadMonitorConfig } from '../../apps/monitor/src/config';
import { PaymentsService } from '../../apps/payments/src/payments.service';
import { WholesalersService } from '../../apps/wholesalers/src/wholesalers.service';
import { ShopsService } from '../../apps/shops/src/shops.service';
import { REPO_ROOT } from './processes';

export const run = promisify(execFile);

/**
 * Checks a `weft run --attach` command line against the real CLI: every flag it uses is
 * one `weft run` knows, and it drives the deployment rather than starting its own stack.
 */
export async function expectAttachedRun(command: readonly string[] | undefined): Promise<void> {
  expect(command?.slice(0, 3)).toEqual(['node', 'bin/weft.js', 'run']);
  const args = command?.slice(3) ?? [];
  expect(args).toEqual(expect.arrayContaining(['--engine', 'kafka', '--attach']));
  const { stdout: help } = await run('node', ['bin/weft.js', 'run', '--help'], { cwd: REPO_ROOT });
  for (const flag of args.filter((a) => a.startsWith('--'))) expect(help).toContain(flag);
  const scenario = args[args.indexOf('--scenario') + 1];
  expect(existsSync(join(REPO_ROOT, 'scenarios', `${scenario}.yaml`))).toBe(true);
}

/** The Kafka version of the local stack (stack/kafka/pom.xml): every deployment runs it. */
export const kafkaVersion = () =>
  /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([\d.]+)<\/version>/.exec(
    readFileSync(join(REPO_ROOT, 'stack/kafka/pom.xml'), 'utf8'),
  )?.[1];

/** The operators k8s/ needs, pinned, with the Kafka versions the Strimzi release runs. */
export const operators = () =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'k8s/operators.json'), 'utf8')) as {
    strimzi: { version: string; helmChart: string; kafkaVersions: string[]; source: string };
    keda: { version: string; helmChart: string };
  };

/** Each service's own config loader: an environment a deployment gives it must pass it. */
export const SERVICE_CONFIG: Record<
  ServiceName,
  (env: Record<string, string | undefined>) => ServiceConfig
> = {
  consumers: ConsumersService.loadConfig,
  shops: ShopsService.loadConfig,
  bidding: BiddingService.loadConfig,
  payments: PaymentsService.loadConfig,
  wholesalers: WholesalersService.loadConfig,
  capacity: loadCapacityConfig,
  monitor: loadMonitorConfig,
};

/**
 * The variables a deployed service must be given: those whose default in the services'
 * shared schema points at this machine's loopback (brokers, Redis, the HTTP bind address),
 * which is right for `weft stack` and wrong in any container or pod.
 */
export function requiredDeployEnv(): string[] {
  const defaults = parseEnv(serviceEnv(0), {}) as Record<string, unknown>;
  return Object.entries(defaults)
    .filter(([, value]) => JSON.stringify(value).includes('127.0.0.1'))
    .map(([name]) => name);
}

/** Every weft_* metric the services register (the names in the source, tests aside). */
export function registeredMetricNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name))
        for (const m of readFileSync(path, 'utf8').matchAll(/['"](weft_[a-z_]+)['"]/g))
          names.add(m[1] as string);
    }
  };
  for (const root of ['apps', 'libs']) walk(join(REPO_ROOT, root));
  return [...names].sort();
}

export type Manifest = {
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
  'v1/PersistentVolumeClaim': (d) => new PersistentVolumeClaim(d as never).validate(),
  'v1/Pod': (d) => new Pod(d as never).validate(),
  'policy/v1/PodDisruptionBudget': (d) => new PodDisruptionBudget(d as never).validate(),
  'networking.k8s.io/v1/NetworkPolicy': (d) => new NetworkPolicy(d as never).validate(),
  'keda.sh/v1alpha1/ScaledObject': (d) => new ScaledObject(d as never).validate(),
};

export function validate(doc: Manifest): void {
  const check = validators[`${doc.apiVersion}/${doc.kind}`];
  if (!check) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind} ${doc.metadata.name}`);
  check(doc);
}

/** The API groups whose models are ES modules only, and their packages. */
const ESM_MODELS: Record<string, string> = {
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

/**
 * Jest's CommonJS runtime cannot load ES-module-only models, so a plain Node process
 * validates them: it reads the resources as JSON on stdin and answers one entry per
 * resource, null when valid, else the schema's complaint.
 */
const ESM_VALIDATOR = `
const packages = ${JSON.stringify(ESM_MODELS)};
const docs = JSON.parse(await new Promise((done) => {
  let text = '';
  process.stdin.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => done(text));
}));
const results = [];
for (const doc of docs) {
  const [group, version] = doc.apiVersion.split('/');
  let Model;
  try {
    const mod = await import(packages[group] + '/' + group + '/' + version + '/' + doc.kind);
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

const isEsmModel = (d: Manifest) => (d.apiVersion.split('/')[0] ?? '') in ESM_MODELS;

async function validateEsm(docs: Manifest[]): Promise<(string | null)[]> {
  const pending = run(process.execPath, ['--input-type=module', '-e', ESM_VALIDATOR], {
    cwd: REPO_ROOT,
  });
  pending.child.stdin?.end(JSON.stringify(docs));
  const { stdout } = await pending;
  const results = JSON.parse(stdout) as (string | null)[];
  expect(results).toHaveLength(docs.length);
  return results;
}

/** Every resource's schema problem, as "Kind name: problem"; empty when all are valid. */
export async function schemaProblems(docs: Manifest[]): Promise<string[]> {
  const label = (d: Manifest) => `${d.kind} ${d.metadata.name}`;
  const problems: string[] = [];
  const esm = docs.filter(isEsmModel);
  for (const doc of docs.filter((d) => !isEsmModel(d))) {
    try {
      validate(doc);
    } catch (err) {
      problems.push(`${label(doc)}: ${(err as Error).message}`);
    }
  }
  const results = esm.length > 0 ? await validateEsm(esm) : [];
  results.forEach((r, i) => {
    if (r !== null) problems.push(`${label(esm[i] as Manifest)}: ${r}`);
  });
  return problems;
}
