export {
  ConfigError,
  kafkaSecurityOf,
  parseEnv,
  redisTlsOf,
  serviceEnv,
  toServiceConfig,
  maskValue,
  port,
  positiveInt,
  groupIdOf,
} from './env-config';
export type { ServiceConfig, ServiceEnv } from './env-config';
export { ServiceCoreModule } from './service-core.module';
export { HealthController } from './health.controller';
export { ServiceHealth, EXIT_FAILED } from './service-health';
export { runService } from './run-service';
export type { ServiceDefinition } from './run-service';
export { SERVICE_CONFIG, SERVICE_LOGGER } from './tokens';
export { ServiceTracing } from './service-tracing';
export { RoleHost, ROLE_DEFINITION } from './role-host';
export type { RoleDefinition } from './role-host';
export { RoleServiceModule } from './role-service.module';
export { roleService } from './role-service';
export type { RoleService, RoleServiceSpec } from './role-service';
export { RunScoped } from './run-scoped';
