import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../context/request-context';
import { Allow, Public } from './access.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, SessionUserDto } from './dto/login.dto';
import { LocalLoginGuard } from './local-login.guard';
import { Permission } from './permissions';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalLoginGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Invalid username or password' })
  async login(@Body() _body: LoginDto, @Ctx() ctx: RequestContext): Promise<LoginResponseDto> {
    const actor = ctx.requireActor();
    const token = await this.auth.issueToken(actor);
    return { ...token, user: { id: actor.id, username: actor.username, role: actor.role, unitId: actor.unitId } };
  }

  @Get('me')
  @Allow(Permission.SessionRead)
  @ApiOkResponse({ type: SessionUserDto })
  me(@Ctx() ctx: RequestContext) {
    const a = ctx.requireActor();
    return { id: a.id, username: a.username, role: a.role, unitId: a.unitId, centralTeam: a.central };
  }
}
