import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RecordController } from '../../core/records/record.controller';
import { REFERRAL_RECORD_TYPE } from './referral.record-type';
import { ReferralsService } from './referrals.service';

@ApiTags(REFERRAL_RECORD_TYPE.path)
@Controller(REFERRAL_RECORD_TYPE.path)
export class ReferralsController extends RecordController(REFERRAL_RECORD_TYPE) {
  constructor(protected readonly service: ReferralsService) {
    super();
  }
}
