import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UNIT_KINDS, UnitKind } from '../entities/unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: 'BCU-NE', description: 'Upper-case letters, digits and hyphens' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9-]{1,15}$/, { message: 'code must be 2-16 upper-case letters, digits or hyphens' })
  code: string;

  @ApiProperty({ example: 'North East borough team' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;
}
