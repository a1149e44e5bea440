import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '../../core/auth/permissions';
import { RecordController } from '../../core/records/record.controller';
import { CreateWarrantDto, UpdateWarrantDto, WarrantListQueryDto } from './dto/warrant.dto';
import { WarrantsService } from './warrants.service';

@ApiTags('warrants')
@Controller('warrants')
export class WarrantsController extends RecordController({
  read: Permission.WarrantRead,
  write: Permission.WarrantWrite,
  createDto: CreateWarrantDto,
  updateDto: UpdateWarrantDto,
  listQuery: WarrantListQueryDto,
}) {
  constructor(protected readonly service: WarrantsService) {
    super();
  }
}
