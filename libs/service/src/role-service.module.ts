/** The module of a service that hosts one domain role: the shell plus the role's host. */
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ServiceConfig } from './env-config';
import { ROLE_DEFINITION, RoleHost, type RoleDefinition } from './role-host';
import { ServiceCoreModule } from './service-core.module';

@Module({})
export class RoleServiceModule {
  static register(config: ServiceConfig, logger: Logger, role: RoleDefinition): DynamicModule {
    return {
      module: RoleServiceModule,
      imports: [ServiceCoreModule.forRoot(config, logger)],
      providers: [{ provide: ROLE_DEFINITION, useValue: role }, RoleHost],
    };
  }
}
