import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordController } from '../../core/records/record.controller';
import { WARRANT_RECORD_TYPE } from './warrant.record-type';
import { WarrantsService } from './warrants.service';

@ApiTags(WARRANT_RECORD_TYPE.path)
@Controller(WARRANT_RECORD_TYPE.path)
export class WarrantsController extends RecordController(WARRANT_RECORD_TYPE) {
  constructor(protected readonly service: WarrantsService) {
    super();
  }
}
