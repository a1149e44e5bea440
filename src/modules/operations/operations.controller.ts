import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '../../core/auth/permissions';
import { RecordController } from '../../core/records/record.controller';
import { CreateOperationDto, OperationListQueryDto, UpdateOperationDto } from './dto/operation.dto';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@Controller('operations')
export class OperationsController extends RecordController({
  read: Permission.OperationRead,
  write: Permission.OperationWrite,
  createDto: CreateOperationDto,
  updateDto: UpdateOperationDto,
  listQuery: OperationListQueryDto,
}) {
  constructor(protected readonly service: OperationsService) {
    super();
  }
}
