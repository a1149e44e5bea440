import { EnvironmentVariables } from './env.schema';

/**
 * The validated configuration, injected by class. Built once from the environment after
 * start-up has resolved the database URL and secrets (see bootstrap.ts).
 */
export class AppConfig extends EnvironmentVariables {
  declare DATABASE_URL: string;
  declare JWT_SECRET: string;
}
