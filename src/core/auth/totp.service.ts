import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import type { RequestContext } from '../context/request-context';
import { ActorCacheService } from './actor-cache.service';
import { SecretBox } from './secret-box';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp';

/** A user's authenticator: set up, switched on after a first good code, checked at sign-in. */
@Injectable()
export class TotpService {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly actors: ActorCacheService,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.JWT_SECRET);
  }

  /** A new secret for the signed-in user (replacing any not yet switched on). Shown once. */
  async setup(ctx: RequestContext): Promise<{ secret: string; otpauthUri: string }> {
    const actor = ctx.requireActor();
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query('SELECT totp_enabled_at FROM users WHERE id = $1 FOR UPDATE', [actor.id]);
      if (row?.totp_enabled_at) throw new ConflictException('A second factor is already on: an admin must reset it first');
      await em.query('UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1', [actor.id, this.box.seal(secret)]);
      await this.audit.write(ctx, { action: 'totp.setup', entityType: 'user', entityId: actor.id, outcome: 'success' }, em);
    });
    return { secret, otpauthUri: otpauthUri(secret, actor.username) };
  }

  /** Switches the second factor on once the user proves the authenticator gives good codes. */
  async enable(ctx: RequestContext, code: string): Promise<void> {
    const actor = ctx.requireActor();
    if (!(await this.acceptCode(actor.id, code, true))) {
      await this.audit.write(ctx, { action: 'totp.enable', entityType: 'user', entityId: actor.id, outcome: 'failure' });
      throw new BadRequestException({ message: 'Validation failed', errors: [{ field: 'code', messages: ['that code is not valid now'] }] });
    }
    await this.dataSource.transaction(async (em) => {
      await em.query('UPDATE users SET totp_enabled_at = now(), token_version = token_version + 1 WHERE id = $1', [actor.id]);
      await this.audit.write(ctx, { action: 'totp.enable', entityType: 'user', entityId: actor.id, outcome: 'success' }, em);
    });
    this.actors.evict(actor.id);
  }

  /** Checks a code and, if good, records its step so it cannot be used again. */
  async acceptCode(userId: string, code: string, pending = false): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const [row] = await em.query('SELECT totp_secret, totp_enabled_at, totp_last_step FROM users WHERE id = $1 FOR UPDATE', [userId]);
      if (!row?.totp_secret || (!pending && !row.totp_enabled_at)) return false;
      const step = verifyTotp(this.box.open(row.totp_secret), code);
      if (step === null || (row.totp_last_step !== null && step <= BigInt(row.totp_last_step))) return false;
      await em.query('UPDATE users SET totp_last_step = $2 WHERE id = $1', [userId, step.toString()]);
      return true;
    });
  }
}
