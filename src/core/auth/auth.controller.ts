import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../context/request-context';
import { Allow, AllowDuringEnrolment, Public } from './access.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, SessionUserDto, TotpCodeDto } from './dto/login.dto';
import { LocalLoginGuard } from './local-login.guard';
import { Permission } from './permissions';
import { TotpService } from './totp.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalLoginGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Invalid username or password (or second-factor code)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this username or address' })
  async login(@Body() _body: LoginDto, @Ctx() ctx: RequestContext): Promise<LoginResponseDto> {
    const actor = ctx.requireActor();
    const token = await this.auth.issueToken(actor);
    return {
      ...token,
      user: { id: actor.id, username: actor.username, role: actor.role, unitId: actor.unitId },
      mustEnrolTotp: Boolean(actor.enrolOnly),
    };
  }

  @Get('me')
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  @ApiOkResponse({ type: SessionUserDto })
  me(@Ctx() ctx: RequestContext) {
    const a = ctx.requireActor();
    return { id: a.id, username: a.username, role: a.role, unitId: a.unitId, centralTeam: a.central, mustEnrolTotp: Boolean(a.enrolOnly) };
  }

  /** A new short-lived token for a valid one, up to twelve hours after sign-in. */
  @Post('refresh')
  @HttpCode(200)
  @Allow(Permission.SessionRead)
  refresh(@Ctx() ctx: RequestContext) {
    return this.auth.refresh(ctx);
  }

  /** Ends this session: its tokens (this one and any refreshed from the same sign-in) stop working on every instance. */
  @Post('logout')
  @HttpCode(204)
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  @ApiNoContentResponse({ description: 'Signed out; the token and every token of its sign-in are refused from now on' })
  async logout(@Ctx() ctx: RequestContext): Promise<void> {
    await this.auth.endSession(ctx, 'api');
  }

  /** Starts second-factor set-up: a new secret and otpauth:// URI for an authenticator app. */
  @Post('totp/setup')
  @HttpCode(200)
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  setupTotp(@Ctx() ctx: RequestContext) {
    return this.totp.setup(ctx);
  }

  /** Switches the second factor on with a first good code; earlier tokens stop working. */
  @Post('totp/enable')
  @HttpCode(204)
  @Allow(Permission.SessionRead)
  @AllowDuringEnrolment()
  async enableTotp(@Ctx() ctx: RequestContext, @Body() dto: TotpCodeDto): Promise<void> {
    await this.totp.enable(ctx, dto.code);
  }
}
