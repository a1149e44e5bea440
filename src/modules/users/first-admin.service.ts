import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { PasswordService } from '../../core/auth/password.service';
import { passwordProblem } from '../../core/auth/password-policy';
import { AppConfig } from '../../core/config/app-config';
import { RequestContext } from '../../core/context/request-context';

export const CENTRAL_UNIT_CODE = 'CENTRAL';

/**
 * With no user at all, makes the first admin from HAVEN_ADMIN_USERNAME/PASSWORD (and the central
 * team it belongs to), or says how to make one with the CLI. Safe with several instances starting.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM users');
    if (n > 0) return;
    const username = this.config.HAVEN_ADMIN_USERNAME;
    const password = this.config.HAVEN_ADMIN_PASSWORD;
    if (!username || !password) {
      this.logger.warn(
        'No user exists yet. Set HAVEN_ADMIN_USERNAME and HAVEN_ADMIN_PASSWORD and restart, or run: ' +
          'npm run cli -- user:create --username <name> --role admin --unit CENTRAL (the password is read from HAVEN_NEW_PASSWORD or asked for)',
      );
      return;
    }
    const problem = passwordProblem(password, username);
    if (problem) throw new Error(`Invalid configuration:\n  HAVEN_ADMIN_PASSWORD: ${problem}`);
    await this.createAdmin(username, password, 'Administrator');
  }

  /** Creates the central team if needed and an admin in it; returns false if one already existed. */
  async createAdmin(username: string, password: string, displayName: string): Promise<boolean> {
    const hash = await this.passwords.hash(password);
    const ctx = RequestContext.system('first administrator');
    return this.dataSource.transaction(async (em) => {
      // One instance at a time decides, so two starting servers do not both create an admin.
      await em.query('SELECT pg_advisory_xact_lock(748201912)');
      const [{ n }] = await em.query('SELECT count(*)::int AS n FROM users');
      if (n > 0) return false;
      let [unit] = await em.query(`SELECT id FROM units WHERE kind = 'central' LIMIT 1`);
      if (!unit) {
        [unit] = await em.query(`INSERT INTO units (code, name, kind) VALUES ($1, 'Central team', 'central') RETURNING id`, [CENTRAL_UNIT_CODE]);
        await this.audit.write(
          ctx,
          {
            action: 'create',
            entityType: 'unit',
            entityId: unit.id,
            outcome: 'success',
            changes: { code: [null, CENTRAL_UNIT_CODE], kind: [null, 'central'] },
          },
          em,
        );
      }
      const [user] = await em.query(`INSERT INTO users (username, display_name, role, unit_id, password_hash) VALUES ($1, $2, 'admin', $3, $4) RETURNING id`, [
        username,
        displayName,
        unit.id,
        hash,
      ]);
      await this.audit.write(
        ctx,
        {
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          outcome: 'success',
          changes: { username: [null, username], role: [null, 'admin'], unitId: [null, unit.id] },
        },
        em,
      );
      this.logger.log(`created the first admin "${username}" in the central team`);
      return true;
    });
  }
}
