import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { WarrantLinkedCreateDto, VersionedDto } from '../../../core/records/dto/record-write.dto';
import { IsoDateTime, MetadataText, ReferenceCode } from '../../../core/records/validators';
import { ARREST_OUTCOMES, ArrestOutcome } from '../entities/arrest.entity';

export class CreateArrestDto extends WarrantLinkedCreateDto {
  @IsoDateTime()
  arrestedAt: string;

  // Applied after ReferenceCode's own ApiProperty, so it adds the description to it.
  @ApiProperty({
    description: "Pseudonymous reference to the suspect in the force's records system. Never a name or any other identifying detail.",
  })
  @ReferenceCode(40, { example: 'SR-21-004417' })
  suspectRef: string;

  @MetadataText(20, { example: '86/2', description: 'Home Office offence classification (e.g. 86/2) or CJS code (e.g. SX03001)' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./-]*$/, { message: 'offenceCode may hold letters, digits, dots, slashes and hyphens' })
  offenceCode: string;

  @ApiPropertyOptional({ enum: ARREST_OUTCOMES, nullable: true, description: 'Null while the outcome is pending' })
  @IsOptional()
  @IsIn(ARREST_OUTCOMES)
  outcome?: ArrestOutcome | null;
}

// skipNullProperties: false keeps null subject to the rules, so a PATCH cannot null a required field.
export class UpdateArrestDto extends IntersectionType(VersionedDto, PartialType(CreateArrestDto, { skipNullProperties: false })) {}
