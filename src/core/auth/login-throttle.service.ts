import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * Counts failed sign-ins per username and per ip in PostgreSQL, so every server instance sees
 * the same counts. Over the limit within the window, the key is blocked for a window.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  keys(username: string, ip: string | null): { user: string; ip: string } {
    return { user: `user:${username}`.slice(0, 160), ip: `ip:${ip ?? 'unknown'}`.slice(0, 160) };
  }

  /** Seconds until the first blocked key frees up, or 0 when none is blocked. */
  async blockedFor(keys: string[]): Promise<number> {
    const rows: { secs: string }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now())) AS secs FROM login_throttles WHERE key = ANY($1) AND blocked_until > now()`,
      [keys],
    );
    return Number(rows[0]?.secs ?? 0);
  }

  /** Counts one failure against each key; a key reaching its limit is blocked for a window. */
  async recordFailure(k: { user: string; ip: string }): Promise<void> {
    const windowMin = this.config.LOGIN_WINDOW_MINUTES;
    for (const [key, limit] of [
      [k.user, this.config.LOGIN_MAX_FAILURES_PER_USERNAME],
      [k.ip, this.config.LOGIN_MAX_FAILURES_PER_IP],
    ] as const) {
      await this.dataSource.query(
        `INSERT INTO login_throttles AS t (key, failures, window_started_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END,
           blocked_until = CASE
             WHEN (CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END) >= $3
             THEN now() + make_interval(mins => $2) ELSE t.blocked_until END`,
        [key, windowMin, limit],
      );
    }
  }

  /** A good sign-in clears the username's count (not the ip's: one success does not excuse others). */
  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttles WHERE key = $1', [key]);
  }
}
