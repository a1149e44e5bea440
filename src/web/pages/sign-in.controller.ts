import { Body, Get, HttpException, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, AllowDuringEnrolment, Public } from '../../core/auth/access.decorator';
import { AuthService, MAX_SESSION_SECONDS } from '../../core/auth/auth.service';
import { LoginDto } from '../../core/auth/dto/login.dto';
import { LoginService } from '../../core/auth/login.service';
import { Permission } from '../../core/auth/permissions';
import { AppConfig } from '../../core/config/app-config';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { FieldError, str, validateDto } from '../forms/form-fields';
import { safeLocal, WebPages } from '../render/web-pages.service';
import { rotateCsrfCookie } from '../session/csrf';
import { clearSessionCookie, setSessionCookie } from '../session/session-cookie';
import { WebController } from '../web-controller.decorator';

const LABELS: Record<string, string> = { username: 'your username', password: 'your password', totp: 'the security code', purpose: 'the purpose' };

/** Sign-in and sign-out. The same LoginService as POST /api/v1/auth/login: throttling, lockout, TOTP, audit. */
@WebController()
export class SignInController {
  constructor(
    private readonly logins: LoginService,
    private readonly auth: AuthService,
    private readonly pages: WebPages,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  @Public()
  form(@Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.show(reply, { next: this.next(q.next), expired: q.expired === '1', signedOut: q.out === '1' });
  }

  @Post('sign-in')
  @Public()
  async signIn(
    @Ctx() ctx: RequestContext,
    @Query() q: Record<string, unknown>,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const values = {
      username: str(body.username).trim(),
      password: str(body.password),
      totp: str(body.totp).replace(/\s/g, ''),
      purpose: str(body.purpose).trim(),
    };
    const next = this.next(q.next);
    const input = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== '' || k === 'username' || k === 'password'));
    const { errors } = await validateDto(LoginDto, input);
    if (errors.length) {
      const list: FieldError[] = errors.map((e) => ({
        field: e.field,
        href: e.field,
        text:
          values[e.field as keyof typeof values] === ''
            ? `Enter ${LABELS[e.field]}`
            : e.field === 'totp'
              ? 'Enter the 6-digit security code'
              : e.field === 'purpose'
                ? 'The purpose must be between 3 and 200 characters'
                : `Enter ${LABELS[e.field]}`,
      }));
      return this.show(reply, { next, values: { ...values, password: '' }, errors: list }, 400);
    }
    try {
      const { actor, mustEnrolTotp } = await this.logins.login(ctx, values.username, values.password, values.totp || undefined);
      const token = await this.auth.issueToken({
        ...actor,
        ...(mustEnrolTotp ? { enrolOnly: true } : {}),
        ...(values.purpose ? { sessionPurpose: values.purpose } : {}),
      });
      setSessionCookie(req, reply, token.accessToken);
      rotateCsrfCookie(req, reply);
      return this.pages.redirect(reply, mustEnrolTotp ? '/account/second-factor' : (next ?? '/'));
    } catch (e) {
      if (!(e instanceof HttpException)) throw e;
      const status = e.getStatus();
      const body = e.getResponse() as { retryAfterSeconds?: number };
      // A one-time password opens only the page that replaces it.
      if (status === HttpStatus.FORBIDDEN && (e.getResponse() as { mustChangePassword?: boolean }).mustChangePassword) {
        return this.pages.redirect(
          reply,
          `/account/password?oneTime=1&username=${encodeURIComponent(values.username)}`,
          'Choose your own password to carry on',
        );
      }
      let error: FieldError;
      if (status === HttpStatus.TOO_MANY_REQUESTS) {
        const minutes = Math.max(1, Math.ceil((body.retryAfterSeconds ?? 60) / 60));
        error = { field: 'username', href: 'username', text: `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again` };
      } else if (status === HttpStatus.UNAUTHORIZED) {
        // One message for every refusal, as the API gives: it never says which part was wrong.
        error = {
          field: 'username',
          href: 'username',
          text: 'Enter a correct username and password, and a current security code if you use an authenticator app. An account is locked after repeated failures: ask an administrator to unlock it',
        };
      } else throw e;
      return this.show(reply, { next, values: { ...values, password: '', totp: '' }, errors: [error] }, status);
    }
  }

  /** Ends the session on the server (every instance, audited), then clears the cookie. */
  @Post('sign-out')
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  async signOut(@Ctx() ctx: RequestContext, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.auth.endSession(ctx, 'web');
    clearSessionCookie(req, reply);
    rotateCsrfCookie(req, reply);
    return this.pages.redirect(reply, '/sign-in?out=1');
  }

  private show(
    reply: FastifyReply,
    data: { next?: string | null; values?: Record<string, string>; errors?: FieldError[]; expired?: boolean; signedOut?: boolean },
    status = 200,
  ) {
    const fieldErrors = Object.fromEntries((data.errors ?? []).map((e) => [e.field, e.text]));
    return this.pages.render(
      reply,
      'sign-in',
      {
        ...data,
        values: data.values ?? {},
        fieldErrors,
        idleMinutes: Math.round(this.config.JWT_TTL_SECONDS / 60),
        maxHours: MAX_SESSION_SECONDS / 3600,
      },
      status,
    );
  }

  /** Where to go after signing in: a path inside Haven only, never another site. */
  private next(raw: unknown): string | null {
    const s = str(raw);
    if (!s || s.startsWith('/sign-in') || s.startsWith('/sign-out')) return null;
    const safe = safeLocal(s);
    return safe === '/' ? null : safe;
  }
}
