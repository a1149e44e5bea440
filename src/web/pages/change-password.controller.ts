import { Body, Get, HttpException, HttpStatus, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../../core/auth/access.decorator';
import { LoginService } from '../../core/auth/login.service';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { FieldError, str } from '../forms/form-fields';
import { WebPages } from '../render/web-pages.service';
import { WebController } from '../web-controller.decorator';

/**
 * Choosing one's own password, and the only way past a one-time one (sign-in sends such a user
 * here). Public like sign-in: the form proves who it is with the current password, through the
 * same LoginService (throttling, lockout, second factor, audit).
 */
@WebController('account/password')
export class ChangePasswordController {
  constructor(
    private readonly logins: LoginService,
    private readonly pages: WebPages,
  ) {}

  @Get()
  @Public()
  form(@Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
    const username = str(q.username).trim().slice(0, 64);
    return this.show(reply, { username }, [], q.oneTime === '1');
  }

  @Post()
  @Public()
  async change(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = { username: str(body.username).trim().slice(0, 64) };
    const password = str(body.password);
    const newPassword = str(body.newPassword);
    const totp = str(body.totp).replace(/\s/g, '');
    const errors: FieldError[] = [];
    const need = (field: string, ok: boolean, text: string) => ok || errors.push({ field, href: field, text });
    need('username', values.username !== '', 'Enter your username');
    need('password', password !== '', 'Enter your current password');
    need('newPassword', newPassword !== '', 'Enter a new password');
    need('newPassword', newPassword.length <= 256, 'The new password must be at most 256 characters');
    need('confirmPassword', newPassword === '' || str(body.confirmPassword) === newPassword, 'Enter the same new password twice');
    need('totp', totp === '' || /^\d{6}$/.test(totp), 'Enter the 6-digit security code, or leave it empty');
    if (errors.length) return this.show(reply, values, errors, false, 400);
    try {
      await this.logins.login(ctx, values.username, password.slice(0, 256), totp || undefined, newPassword);
      return this.pages.redirect(reply, '/sign-in', 'Your password is changed. Sign in with your new password.');
    } catch (e) {
      if (!(e instanceof HttpException)) throw e;
      const status = e.getStatus();
      const res = e.getResponse() as { errors?: { field: string; messages: string[] }[]; secondFactorRequired?: boolean; retryAfterSeconds?: number };
      let error: FieldError;
      if (status === HttpStatus.BAD_REQUEST && res.errors?.length) {
        const text = res.errors[0].messages[0].replace(/^newPassword/, 'The new password').replace(/^password/, 'The new password');
        error = { field: 'newPassword', href: 'newPassword', text: text.charAt(0).toUpperCase() + text.slice(1) };
      } else if (status === HttpStatus.TOO_MANY_REQUESTS) {
        const minutes = Math.max(1, Math.ceil((res.retryAfterSeconds ?? 60) / 60));
        error = { field: 'username', href: 'username', text: `Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again` };
      } else if (status === HttpStatus.UNAUTHORIZED && res.secondFactorRequired) {
        error = { field: 'totp', href: 'totp', text: 'Enter a current security code from your authenticator app' };
      } else if (status === HttpStatus.UNAUTHORIZED) {
        error = { field: 'password', href: 'password', text: 'Enter a correct username and current password' };
      } else throw e;
      return this.show(reply, values, [error], false, status);
    }
  }

  private show(reply: FastifyReply, values: Record<string, string>, errors: FieldError[], oneTime: boolean, status = 200) {
    return this.pages.render(
      reply,
      'account/password',
      {
        title: 'Choose a new password',
        values,
        oneTime,
        errors,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.text])),
      },
      status,
    );
  }
}
