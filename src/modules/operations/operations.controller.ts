import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { IdParamDto } from '../../core/records/dto/id-param.dto';
import { RecordController } from '../../core/records/record.controller';
import { OPERATION_RECORD_TYPE } from './operation.record-type';
import { OperationsService } from './operations.service';

@ApiTags(OPERATION_RECORD_TYPE.path)
@Controller(OPERATION_RECORD_TYPE.path)
export class OperationsController extends RecordController(OPERATION_RECORD_TYPE) {
  constructor(protected readonly service: OperationsService) {
    super();
  }

  @Get(':id/summary')
  @Allow(Permission.OperationRead)
  @ApiOkResponse({ description: "{ operation, figures }: the weekly-return figures over the operation's records" })
  summary(@Ctx() ctx: RequestContext, @Param() p: IdParamDto) {
    return this.service.summary(ctx, p.id);
  }
}
