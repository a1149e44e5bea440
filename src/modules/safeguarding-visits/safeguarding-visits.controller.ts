import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '../../core/auth/permissions';
import { RecordController } from '../../core/records/record.controller';
import { CreateSafeguardingVisitDto, SafeguardingVisitListQueryDto, UpdateSafeguardingVisitDto } from './dto/safeguarding-visit.dto';
import { SafeguardingVisitsService } from './safeguarding-visits.service';

@ApiTags('safeguarding-visits')
@Controller('safeguarding-visits')
export class SafeguardingVisitsController extends RecordController({
  read: Permission.SafeguardingVisitRead,
  write: Permission.SafeguardingVisitWrite,
  createDto: CreateSafeguardingVisitDto,
  updateDto: UpdateSafeguardingVisitDto,
  listQuery: SafeguardingVisitListQueryDto,
}) {
  constructor(protected readonly service: SafeguardingVisitsService) {
    super();
  }
}
