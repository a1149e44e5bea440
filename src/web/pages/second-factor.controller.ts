import { Body, Get, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, AllowDuringEnrolment } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { TotpService } from '../../core/auth/totp.service';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { exceptionMessage, str } from '../forms/form-fields';
import { WebPages } from '../render/web-pages.service';
import { rotateCsrfCookie } from '../session/csrf';
import { clearSessionCookie } from '../session/session-cookie';
import { WebController } from '../web-controller.decorator';

/**
 * Setting up an authenticator app (required for some roles by REQUIRE_TOTP_FOR; a user who must
 * is sent here straight after signing in). The secret is shown as text to type into the app.
 */
@WebController('account/second-factor')
export class SecondFactorController {
  constructor(
    private readonly totp: TotpService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  intro(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    return this.pages.render(reply, 'account/second-factor', { title: 'Set up your authenticator app', required: !!ctx.requireActor().enrolOnly });
  }

  /** A new secret (replacing any not yet confirmed), shown once. */
  @Post('setup')
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  async setup(@Ctx() ctx: RequestContext, @Res() reply: FastifyReply) {
    try {
      const { secret, otpauthUri } = await this.totp.setup(ctx);
      return this.pages.render(reply, 'account/second-factor', {
        title: 'Set up your authenticator app',
        secret: secret.replace(/(.{4})/g, '$1 ').trim(),
        otpauthUri,
        fieldErrors: {},
      });
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) return this.pages.redirect(reply, '/', exceptionMessage(e), 'error');
      throw e;
    }
  }

  /** The first good code switches it on; that ends every session, this one included. */
  @Post()
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  async enable(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const code = str(body.code).replace(/\s/g, '');
    const again = (text: string) =>
      this.pages.render(
        reply,
        'account/second-factor',
        {
          title: 'Set up your authenticator app',
          secret: str(body.secret).slice(0, 80),
          otpauthUri: str(body.otpauthUri).slice(0, 300),
          errors: [{ field: 'code', href: 'code', text }],
          fieldErrors: { code: text },
        },
        400,
      );
    if (!/^\d{6}$/.test(code)) return again('Enter the 6-digit code your app shows now');
    try {
      await this.totp.enable(ctx, code);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === HttpStatus.BAD_REQUEST) return again('That code is not right: enter the code your app shows now');
      throw e;
    }
    clearSessionCookie(req, reply);
    rotateCsrfCookie(req, reply);
    return this.pages.redirect(reply, '/sign-in', 'Your authenticator app is set up. Sign in again with a code from it.');
  }
}
