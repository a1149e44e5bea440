import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordController } from '../../core/records/record.controller';
import { SAFEGUARDING_VISIT_RECORD_TYPE } from './safeguarding-visit.record-type';
import { SafeguardingVisitsService } from './safeguarding-visits.service';

@ApiTags(SAFEGUARDING_VISIT_RECORD_TYPE.path)
@Controller(SAFEGUARDING_VISIT_RECORD_TYPE.path)
export class SafeguardingVisitsController extends RecordController(SAFEGUARDING_VISIT_RECORD_TYPE) {
  constructor(protected readonly service: SafeguardingVisitsService) {
    super();
  }
}
