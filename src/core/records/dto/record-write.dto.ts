import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { MetadataText } from '../validators';

/** Every record create may name its unit; without one it goes to the creator's own unit. */
export class UnitOwnedCreateDto {
  @ApiPropertyOptional({ description: "Owning unit; defaults to the creator's unit" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

/** A record that may belong to an operation: it must be a live one the user can see. */
export class OperationLinkedCreateDto extends UnitOwnedCreateDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A live operation you can see' })
  @IsOptional()
  @IsUUID()
  operationId?: string | null;
}

/** A record that may come from a warrant's execution: a live warrant the user can see. */
export class WarrantLinkedCreateDto extends OperationLinkedCreateDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A live warrant you can see' })
  @IsOptional()
  @IsUUID()
  warrantId?: string | null;
}

/** Every update carries the version the client last read: a stale one gets 409. */
export class VersionedDto {
  @ApiProperty({ description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;
}

/** DELETE body: records are voided with a reason, never deleted. */
export class VoidRecordDto {
  @MetadataText(500, { description: 'Why the record is void (required)' })
  reason: string;

  @ApiPropertyOptional({ description: 'The version you last read; when given, a stale one gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
