import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { OperationLinkedCreateDto, VersionedDto } from '../../../core/records/dto/record-write.dto';
import { IsoDateTime, ReferenceCode } from '../../../core/records/validators';
import { REFERRAL_SOURCES, REFERRAL_STATUSES, ReferralSource, ReferralStatus, RISK_GRADES, RiskGrade } from '../entities/referral.entity';

export class CreateReferralDto extends OperationLinkedCreateDto {
  @ApiProperty({ enum: REFERRAL_SOURCES })
  @IsIn(REFERRAL_SOURCES)
  source: ReferralSource;

  @ReferenceCode(40, { example: 'NCA-20210301-0042' })
  reference: string;

  @IsoDateTime()
  receivedAt: string;

  @ApiProperty({ enum: RISK_GRADES })
  @IsIn(RISK_GRADES)
  riskGrade: RiskGrade;

  // Left out it defaults; null would empty a required column.
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, default: 'received' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

// Null is validated (not skipped) so a required column cannot be PATCHed to null.
export class UpdateReferralDto extends IntersectionType(VersionedDto, PartialType(CreateReferralDto, { skipNullProperties: false })) {}
