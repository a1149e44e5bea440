import { ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { WarrantLinkedCreateDto, VersionedDto } from '../../../core/records/dto/record-write.dto';
import { IsoDateTime, MetadataText } from '../../../core/records/validators';

export class CreateSafeguardingVisitDto extends WarrantLinkedCreateDto {
  @IsoDateTime()
  visitedAt: string;

  // The ceiling catches a typo, not a real visit: the biggest weeks of action safeguard ~140 in total.
  // Left out it defaults to 0; null would empty a required column.
  @ApiPropertyOptional({ minimum: 0, maximum: 200, default: 0 })
  @ValidateIf((_o, v) => v !== undefined)
  @IsInt()
  @Min(0)
  @Max(200)
  childrenSafeguarded?: number;

  @MetadataText(200, { optional: true, example: "Children's social care; school nurse" })
  agenciesNotified?: string | null;

  @MetadataText(500, { optional: true })
  outcome?: string | null;
}

// Null is validated (not skipped) so a required column cannot be PATCHed to null.
export class UpdateSafeguardingVisitDto extends IntersectionType(VersionedDto, PartialType(CreateSafeguardingVisitDto, { skipNullProperties: false })) {}
