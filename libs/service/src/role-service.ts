/**
 * A service that hosts one domain role, from its name and its store: config from the
 * shared environment schema, the role's topics from the catalogue, the role host's module.
 * The four role apps differ only in what they pass here.
 */
import { ServiceInputs } from '@weft/contracts';
import type { RoleName, Scenario } from '@weft/domain';
import type { RoleStore } from '@weft/kafka';
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from './env-config';
import type { RoleDefinition } from './role-host';
import { RoleServiceModule } from './role-service.module';
import { runService } from './run-service';

export interface RoleServiceSpec<S extends RoleStore> {
  service: RoleName;
  /** The HTTP port (health, metrics) when WEFT_HTTP_PORT is not set. */
  httpPort: number;
  store: (scenario: Scenario) => S;
  /** Opening events of the run (emitted once per run, by whichever instance is first). */
  start?: (store: S, ctx: Parameters<NonNullable<RoleDefinition['start']>>[1]) => void;
}

export interface RoleService {
  /** Reads and validates the environment; throws ConfigError naming each bad variable. */
  loadConfig(env?: Record<string, string | undefined>): ServiceConfig;
  /** Boots the service (main.ts calls this and nothing else). */
  run(): Promise<void>;
}

export function roleService<S extends RoleStore>(spec: RoleServiceSpec<S>): RoleService {
  const env = serviceEnv(spec.httpPort);
  const loadConfig = (vars: Record<string, string | undefined> = process.env) =>
    toServiceConfig(spec.service, parseEnv(env, vars));
  const start = spec.start;
  const role: RoleDefinition = {
    topics: ServiceInputs[spec.service],
    store: spec.store,
    start: start && ((store, ctx) => start(store as S, ctx)),
  };
  return {
    loadConfig,
    run: () =>
      runService({
        loadConfig: () => loadConfig(),
        module: (config, logger) => RoleServiceModule.register(config, logger, role),
        inputs: ServiceInputs[spec.service],
        nestTransport: false,
      }),
  };
}
