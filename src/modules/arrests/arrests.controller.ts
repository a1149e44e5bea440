import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '../../core/auth/permissions';
import { RecordController } from '../../core/records/record.controller';
import { ArrestListQueryDto, CreateArrestDto, UpdateArrestDto } from './dto/arrest.dto';
import { ArrestsService } from './arrests.service';

@ApiTags('arrests')
@Controller('arrests')
export class ArrestsController extends RecordController({
  read: Permission.ArrestRead,
  write: Permission.ArrestWrite,
  createDto: CreateArrestDto,
  updateDto: UpdateArrestDto,
  listQuery: ArrestListQueryDto,
}) {
  constructor(protected readonly service: ArrestsService) {
    super();
  }
}
