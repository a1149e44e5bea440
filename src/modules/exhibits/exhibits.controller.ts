import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { IdParamDto } from '../../core/records/dto/id-param.dto';
import { PageQueryDto } from '../../core/records/dto/page-query.dto';
import { VoidRecordDto } from '../../core/records/dto/record-write.dto';
import { RecordController } from '../../core/records/record.controller';
import { EXHIBIT_RECORD_TYPE } from './exhibit.record-type';
import { CreateMovementDto, MovementParamsDto } from './dto/exhibit-movement.dto';
import { ExhibitMovementsService } from './exhibit-movements.service';
import { ExhibitsService } from './exhibits.service';

@ApiTags(EXHIBIT_RECORD_TYPE.path)
@Controller(EXHIBIT_RECORD_TYPE.path)
export class ExhibitsController extends RecordController(EXHIBIT_RECORD_TYPE) {
  constructor(
    protected readonly service: ExhibitsService,
    private readonly movements: ExhibitMovementsService,
  ) {
    super();
  }

  // Custody has no update route: a movement is never edited, only voided and entered again.

  @Post(':id/movements')
  @Allow(Permission.ExhibitWrite)
  @ApiCreatedResponse({ description: 'The movement' })
  @ApiConflictResponse({ description: "fromLocation is not the exhibit's current location, or the exhibit is void" })
  addMovement(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Body() dto: CreateMovementDto) {
    return this.movements.create(ctx, p.id, dto);
  }

  @Get(':id/movements')
  @Allow(Permission.ExhibitRead)
  @ApiOkResponse({ description: '{ items, nextCursor }, oldest first' })
  @ApiNotFoundResponse({ description: 'No such exhibit in your units' })
  listMovements(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Query() q: PageQueryDto) {
    return this.movements.list(ctx, p.id, q);
  }

  @Delete(':id/movements/:movementId')
  @HttpCode(200)
  @Allow(Permission.ExhibitWrite)
  @ApiOkResponse({ description: 'The voided movement' })
  @ApiConflictResponse({ description: 'Not the latest movement, already void, or the exhibit is void' })
  voidMovement(@Ctx() ctx: RequestContext, @Param() p: MovementParamsDto, @Body() dto: VoidRecordDto) {
    return this.movements.void(ctx, p.id, p.movementId, dto.reason, dto.version);
  }
}
