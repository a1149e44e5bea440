import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { WarrantLinkedCreateDto, VersionedDto } from '../../../core/records/dto/record-write.dto';
import { IsoDateTime, MetadataText, ReferenceCode } from '../../../core/records/validators';
import { EXHIBIT_ITEM_TYPES, ExhibitItemType, FORENSIC_STATUSES, ForensicStatus } from '../entities/exhibit.entity';

// Digests are compared and searched as lower-case hex, whatever case the tool printed.
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateExhibitDto extends WarrantLinkedCreateDto {
  @ReferenceCode(40, { example: 'JS/1' })
  reference: string;

  @ApiProperty({ enum: EXHIBIT_ITEM_TYPES })
  @IsIn(EXHIBIT_ITEM_TYPES)
  itemType: ExhibitItemType;

  @IsoDateTime()
  seizedAt: string;

  @ReferenceCode(40, { optional: true })
  sealNumber?: string | null;

  @MetadataText(200, { optional: true, description: 'The item (make, colour), never its contents' })
  description?: string | null;

  @ApiPropertyOptional({ description: 'SHA-256 of an acquired image, 64 hex characters', pattern: '^[0-9a-f]{64}$', nullable: true })
  @IsOptional()
  @Transform(lowerCase)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be a SHA-256 digest: exactly 64 hex characters' })
  sha256?: string | null;

  // Left out it defaults; null would empty a required column.
  @ApiPropertyOptional({ enum: FORENSIC_STATUSES, default: 'awaiting' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(FORENSIC_STATUSES)
  forensicStatus?: ForensicStatus;
}

// The unit is fixed after creation: the exhibit's custody movements carry it for scope, and
// moving one without the other would hide the chain from the exhibit's new owners.
// Null is validated (not skipped) so a required column cannot be PATCHed to null.
export class UpdateExhibitDto extends IntersectionType(
  VersionedDto,
  PartialType(OmitType(CreateExhibitDto, ['unitId'] as const), { skipNullProperties: false }),
) {}
