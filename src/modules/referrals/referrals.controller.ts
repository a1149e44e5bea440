import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '../../core/auth/permissions';
import { RecordController } from '../../core/records/record.controller';
import { CreateReferralDto, ReferralListQueryDto, UpdateReferralDto } from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@Controller('referrals')
export class ReferralsController extends RecordController({
  read: Permission.ReferralRead,
  write: Permission.ReferralWrite,
  createDto: CreateReferralDto,
  updateDto: UpdateReferralDto,
  listQuery: ReferralListQueryDto,
}) {
  constructor(protected readonly service: ReferralsService) {
    super();
  }
}
