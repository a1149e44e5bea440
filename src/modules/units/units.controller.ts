import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { IdParamDto } from '../../core/records/dto/id-param.dto';
import { PageQueryDto } from '../../core/records/dto/page-query.dto';
import { CreateUnitDto } from './dto/unit.dto';
import { UNIT_KINDS } from './entities/unit.entity';
import { UnitsService } from './units.service';

class UnitListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: string;
}

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Allow(Permission.UnitWrite)
  @ApiCreatedResponse({ description: 'The unit' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUnitDto) {
    return this.units.create(ctx, dto);
  }

  @Get()
  @Allow(Permission.UnitRead)
  list(@Ctx() ctx: RequestContext, @Query() q: UnitListQueryDto) {
    return this.units.list(ctx, { ...q.toListQuery(), filters: { kind: q.kind } });
  }

  @Get(':id')
  @Allow(Permission.UnitRead)
  get(@Ctx() ctx: RequestContext, @Param() p: IdParamDto) {
    return this.units.get(ctx, p.id);
  }
}
