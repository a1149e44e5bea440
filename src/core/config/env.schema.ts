import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The server's environment. Every variable is checked at start-up; bad config stops the server. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Optional owner login for migrations when the server's own login may not change the schema. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' })
  DATABASE_MIGRATION_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.haven';

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    message: 'HAVEN_ADMIN_USERNAME must be 3-64 characters: lower-case letters, digits, . _ -',
  })
  HAVEN_ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'HAVEN_ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(256)
  HAVEN_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Access-token lifetime in seconds: short, so a lost token is worth little. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  JWT_TTL_SECONDS = 900;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Database pool size per server instance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /** Milliseconds a query may wait for a connection or run before the request fails with 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  DATABASE_TIMEOUT_MS = 5000;

  /** How often (ms) committed audit events are linked into the hash chain. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60000)
  AUDIT_SEAL_INTERVAL_MS = 1000;

  /** Requests per minute per client ip per instance, on every route. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (comma-separated). Read by the
   * Fastify adapter from the environment before config exists; here so the start-up cookie check
   * (web/session/cookie-security.ts) can see it.
   */
  @IsOptional()
  @IsString()
  TRUSTED_PROXIES?: string;

  /** Browser origins allowed to call the API (comma-separated); unset: none (CORS closed). */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, { message: 'CORS_ORIGINS must be comma-separated http(s) origins' })
  CORS_ORIGINS?: string;

  /** Failed logins for one username within LOGIN_WINDOW_MINUTES before it is throttled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES_PER_USERNAME = 5;

  /** Failed logins from one ip within LOGIN_WINDOW_MINUTES before it is throttled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_WINDOW_MINUTES = 15;

  /** Consecutive failed logins after which an account is locked until an admin unlocks it. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  ACCOUNT_LOCK_AFTER_FAILURES = 10;

  /** Roles that must use a TOTP second factor (comma-separated, e.g. "admin,auditor"); unset: optional for all. */
  @IsOptional()
  @Matches(/^(officer|supervisor|auditor|admin)(,(officer|supervisor|auditor|admin))*$/, { message: 'REQUIRE_TOTP_FOR must list roles, e.g. admin,auditor' })
  REQUIRE_TOTP_FOR?: string;
}

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (Boolean(env.HAVEN_ADMIN_USERNAME) !== Boolean(env.HAVEN_ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration:\n  HAVEN_ADMIN_USERNAME and HAVEN_ADMIN_PASSWORD must be set together');
  }
  return env;
}
