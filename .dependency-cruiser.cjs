/**
 * Layer rules: apps → kafka/telemetry/engine/service → contracts → domain, never back; the
 * CLI drives both engines, and no library imports the CLI.
 */
const lib = (name) => `^libs/${name}/`;
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle through type-only imports costs nothing at run time',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing of ours and no I/O library',
      severity: 'error',
      from: { path: lib('domain') },
      to: {
        path: [
          '^libs/(?!domain/)',
          '^apps/',
          '^cli/',
          'node_modules/(@nestjs|kafkajs|ioredis|pino)',
        ],
      },
    },
    {
      name: 'engine-des-is-in-process',
      comment: 'the in-process engine does no I/O: no network, files, processes or clients',
      severity: 'error',
      from: { path: lib('engine-des') },
      to: {
        path: [
          '^libs/(kafka|service)/',
          '^apps/',
          '^cli/',
          'node_modules/(@nestjs|kafkajs|ioredis|pino)',
        ],
      },
    },
    {
      name: 'engine-des-no-node-io',
      severity: 'error',
      from: { path: lib('engine-des') },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|net|http|https|child_process|dgram|tls|worker_threads)',
      },
    },
    {
      name: 'engine-kafka-drives-from-outside',
      comment:
        'the distributed engine drives the services through the transport and contracts (and may compare with its in-process sibling); it knows no app, no CLI and no NestJS',
      severity: 'error',
      from: { path: lib('engine-kafka') },
      to: {
        path: [
          '^libs/(?!(engine-kafka|engine-des|contracts|domain|kafka|telemetry|service)/)',
          '^apps/',
          '^cli/',
          'node_modules/@nestjs',
        ],
      },
    },
    {
      name: 'engine-kafka-only-for-drivers',
      comment:
        'the CLI (and the tests and benches) drive a distributed run; no service and no other library does',
      severity: 'error',
      from: { path: '^(apps/|libs/(?!engine-kafka/))' },
      to: { path: lib('engine-kafka') },
    },
    {
      name: 'nest-only-in-apps-and-service',
      comment:
        'only the apps and libs/service know NestJS; the libraries and the CLI stay framework-free',
      severity: 'error',
      from: { path: '^(libs/(?!service/)|cli/|tests/|bench/)' },
      to: { path: 'node_modules/@nestjs' },
    },
    {
      name: 'contracts-only-on-domain',
      severity: 'error',
      from: { path: lib('contracts') },
      to: { path: ['^libs/(?!(contracts|domain)/)', '^apps/', '^cli/'] },
    },
    {
      name: 'dashboard-is-browser-code',
      comment:
        "the monitor's dashboard runs in the browser: it shares only types with the monitor, and no Node, Nest or weft library",
      severity: 'error',
      from: { path: '^apps/monitor/dashboard/' },
      to: {
        path: [
          '^libs/',
          '^apps/(?!monitor/(dashboard/|src/dashboard-snapshot\\.ts$))',
          'node_modules/(@nestjs|kafkajs|ioredis|pino)',
        ],
      },
    },
    {
      name: 'dashboard-no-node-io',
      severity: 'error',
      from: { path: '^apps/monitor/dashboard/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'libs-never-import-apps-or-cli',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: ['^apps/', '^cli/'] },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libraries-through-their-index',
      comment:
        "others reach a library only through @weft/<name> (its index.ts), or the services' environment through @weft/service/env (which loads no NestJS)",
      severity: 'error',
      from: { path: '^(apps|cli|libs/([^/]+))/', pathNot: '\\.(int|e2e)-spec\\.ts$' },
      to: {
        path: '^libs/([^/]+)/src/(?!index\\.ts$)',
        pathNot: ['^libs/$2/', '^libs/service/src/env-config\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
