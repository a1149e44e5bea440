import { ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { OperationLinkedCreateDto, VersionedDto } from '../../../core/records/dto/record-write.dto';
import { IsoDateTime, MetadataText, ReferenceCode } from '../../../core/records/validators';
import { WARRANT_STATUSES, WarrantStatus } from '../entities/warrant.entity';

const POSTCODE_DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/i;
const FULL_POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b/i;
// Place names carry no digits, so anything with a digit that is not a district is (part of) an address.
const PLACE_NAME = /^[A-Za-z][A-Za-z .'&-]*$/;

function locationAreaProblem(value: unknown): string | null {
  if (typeof value !== 'string') return null; // MetadataText reports the type
  if (POSTCODE_DISTRICT.test(value) || PLACE_NAME.test(value)) return null;
  if (FULL_POSTCODE.test(value)) return 'locationArea must be the postcode district only (e.g. NE1), never a full postcode';
  return 'locationArea must be a borough or a postcode district (e.g. NE1), never an address';
}

/** Where a warrant was executed, coarse enough that it never locates a household. */
function LocationArea() {
  return ValidateBy({
    name: 'isLocationArea',
    validator: {
      validate: (value) => locationAreaProblem(value) === null,
      defaultMessage: (args) => locationAreaProblem(args?.value) ?? '',
    },
  });
}

export class CreateWarrantDto extends OperationLinkedCreateDto {
  @ReferenceCode(40, { example: 'NE/W/2021/0117' })
  reference: string;

  @MetadataText(60, { example: 'PCA 1978 s.4', description: 'The power the warrant is issued under' })
  type: string;

  // Not IsOptional: an explicit null would reach a NOT NULL column.
  @ApiPropertyOptional({ enum: WARRANT_STATUSES, default: 'applied' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(WARRANT_STATUSES)
  status?: WarrantStatus;

  @IsoDateTime({ optional: true })
  grantedAt?: string | null;

  @IsoDateTime({ optional: true })
  executedAt?: string | null;

  @MetadataText(40, { optional: true, example: 'NE1', description: 'A borough or postcode district (e.g. NE1, SW1A); never a full postcode or address' })
  @LocationArea()
  locationArea?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 200, default: 0, description: 'Children safeguarded at execution' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsInt()
  @Min(0)
  @Max(200)
  childrenSafeguarded?: number;

  @MetadataText(500, { optional: true })
  outcome?: string | null;
}

// skipNullProperties: false keeps null subject to the rules, so a PATCH cannot null a required field.
export class UpdateWarrantDto extends IntersectionType(VersionedDto, PartialType(CreateWarrantDto, { skipNullProperties: false })) {}
