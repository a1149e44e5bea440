import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordController } from '../../core/records/record.controller';
import { ARREST_RECORD_TYPE } from './arrest.record-type';
import { ArrestsService } from './arrests.service';

@ApiTags(ARREST_RECORD_TYPE.path)
@Controller(ARREST_RECORD_TYPE.path)
export class ArrestsController extends RecordController(ARREST_RECORD_TYPE) {
  constructor(protected readonly service: ArrestsService) {
    super();
  }
}
