import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { IdParamDto } from '../../core/records/dto/id-param.dto';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
  update(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Body() dto: UpdateUserDto) {
    return this.users.update(ctx, p.id, dto);
  }
}
