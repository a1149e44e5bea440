import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Public } from '../../core/auth/access.decorator';
import { LoginService } from '../../core/auth/login.service';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { IdParamDto } from '../../core/records/dto/id-param.dto';
import { ChangePasswordDto, ChangeRequestListQueryDto, CreateUserDto, RefuseChangeRequestDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { UserChangeRequestsService } from './user-change-requests.service';
import { isPendingChange, UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 201 with the account; one in a role that needs a second admin comes back disabled, with its pendingChange. */
  @Post()
  @Allow(Permission.UserWrite)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto) {
    return this.users.create(ctx, dto);
  }

  @Get()
  @Allow(Permission.UserRead)
  list(@Ctx() ctx: RequestContext, @Query() q: UserListQueryDto) {
    return this.users.list(ctx, { ...q.toListQuery(), filters: { unitId: q.unitId, role: q.role } });
  }

  @Get(':id')
  @Allow(Permission.UserRead)
  get(@Ctx() ctx: RequestContext, @Param() p: IdParamDto) {
    return this.users.get(ctx, p.id);
  }

  @Patch(':id')
  @Allow(Permission.UserWrite)
  @ApiAcceptedResponse({ description: 'The change needs a second administrator: `{pendingChange}` is the request, nothing was changed yet' })
  async update(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Body() dto: UpdateUserDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.users.update(ctx, p.id, dto);
    if (isPendingChange(result)) reply.status(202);
    return result;
  }
}

/** Four eyes on account standing: what waits for a second admin, and their decision. */
@ApiTags('users')
@Controller('user-change-requests')
export class UserChangeRequestsController {
  constructor(private readonly requests: UserChangeRequestsService) {}

  @Get()
  @Allow(Permission.UserRead)
  list(@Ctx() ctx: RequestContext, @Query() q: ChangeRequestListQueryDto) {
    return this.requests.list(ctx, { ...q.toListQuery(), filters: { status: q.status, userId: q.userId } });
  }

  @Get(':id')
  @Allow(Permission.UserRead)
  get(@Ctx() ctx: RequestContext, @Param() p: IdParamDto) {
    return this.requests.get(ctx, p.id);
  }

  /** Applies the change (at the account version it was asked for). Never by the requester or the account itself. */
  @Post(':id/approve')
  @HttpCode(200)
  @Allow(Permission.UserWrite)
  approve(@Ctx() ctx: RequestContext, @Param() p: IdParamDto) {
    return this.requests.approve(ctx, p.id);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Allow(Permission.UserWrite)
  refuse(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Body() dto: RefuseChangeRequestDto) {
    return this.requests.refuse(ctx, p.id, dto.reason.trim());
  }
}

/**
 * One's own password. Public because a one-time password opens no session: the request proves
 * who it is with the current password (and code), throttled and audited exactly like sign-in.
 */
@ApiTags('auth')
@Controller('account')
export class AccountController {
  constructor(private readonly logins: LoginService) {}

  @Public()
  @Post('password')
  @HttpCode(204)
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username or address' })
  async changePassword(@Ctx() ctx: RequestContext, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.logins.login(ctx, dto.username, dto.password, dto.totp, dto.newPassword);
  }
}
