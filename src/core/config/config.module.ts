import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { validateEnvironment } from './env.schema';

/**
 * The environment, validated when the app is built (not when this file is imported, which is
 * what @nestjs/config's forRoot does), so each app instance reads the environment of its start.
 */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: (): AppConfig => {
        const app = Object.assign(new AppConfig(), validateEnvironment(process.env));
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
