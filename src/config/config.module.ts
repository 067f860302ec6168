import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ResolvedConfig } from './app-config.js';

/** Injection token of the validated, resolved configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: Object.freeze({ ...config }) }],
      exports: [APP_CONFIG],
    };
  }
}
