import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';
import { EnvironmentVariables, validateEnvironment } from './env.schema';

/** The environment, validated once by @nestjs/config and offered typed as AppConfig. */
@Global()
@Module({
  imports: [
    NestConfigModule.forRoot({
      ignoreEnvFile: true,
      cache: true,
      validate: (raw) => ({ ...validateEnvironment(raw) }),
    }),
  ],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): AppConfig => {
        const app = new AppConfig();
        for (const key of Object.keys(app) as (keyof EnvironmentVariables)[]) {
          (app as unknown as Record<string, unknown>)[key] = config.get(key, { infer: true });
        }
        app.DATABASE_URL = config.get('DATABASE_URL', { infer: true }) as string;
        app.DATABASE_MIGRATION_URL = config.get('DATABASE_MIGRATION_URL', { infer: true });
        app.JWT_SECRET = config.get('JWT_SECRET', { infer: true }) as string;
        app.HAVEN_ADMIN_USERNAME = config.get('HAVEN_ADMIN_USERNAME', { infer: true });
        app.HAVEN_ADMIN_PASSWORD = config.get('HAVEN_ADMIN_PASSWORD', { infer: true });
        if (!app.DATABASE_URL || !app.JWT_SECRET) {
          throw new Error('Invalid configuration:\n  DATABASE_URL and JWT_SECRET must be resolved before the app starts');
        }
        return app;
      },
    },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
