import { ApiPropertyOptional, PartialType, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { UnitOwnedCreateDto, VersionedDto } from '../../../core/records/dto/record-write.dto';
import { IsoDate, MetadataText, ReferenceCode } from '../../../core/records/validators';
import { OPERATION_STATUSES, OperationStatus } from '../entities/operation.entity';

export class CreateOperationDto extends UnitOwnedCreateDto {
  @MetadataText(60, { example: 'LEGATUM' })
  @Matches(/^[A-Za-z][A-Za-z0-9 -]*$/, { message: 'name may hold letters, digits, spaces and hyphens' })
  name: string;

  @ReferenceCode(40, { example: 'OP/2021/0042' })
  reference: string;

  @IsoDate()
  startsOn: string;

  @IsoDate({ optional: true })
  endsOn?: string | null;

  @ApiPropertyOptional({ enum: OPERATION_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(OPERATION_STATUSES)
  status?: OperationStatus;

  @MetadataText(1000, { optional: true })
  description?: string | null;
}

// skipNullProperties: false, so null on a required field is a 400, not a NOT NULL violation.
export class UpdateOperationDto extends IntersectionType(VersionedDto, PartialType(CreateOperationDto, { skipNullProperties: false })) {}
