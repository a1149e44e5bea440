import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AuditOutcome } from '../../../core/audit/audit-entry';
import { IsoDateTime, MetadataText } from '../../../core/records/validators';

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied', 'not_found', 'conflict', 'invalid'];
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Names as the audit log writes them: 'operation', 'audit_event', 'safeguarding-visit', 'audit.export'. */
const NAME = /^[a-z][a-z0-9._-]*$/;

/** What an auditor may narrow the log by; every field is optional and they combine with AND. */
export class AuditFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who acted' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'operation' })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  @Matches(NAME, { message: 'entityType may hold lower-case letters, digits, . _ and -' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'entityId must be a UUID' })
  entityId?: string;

  @ApiPropertyOptional({ example: 'view' })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  @Matches(NAME, { message: 'action may hold lower-case letters, digits, . _ and -' })
  action?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  /** On or after. */
  @IsoDateTime({ optional: true })
  from?: string;

  /** Before (exclusive). */
  @IsoDateTime({ optional: true })
  to?: string;
}

/** Keyset paging over seq, newest first: a cursor means "older than the last event you saw". */
export class AuditPageDto {
  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  cursor?: string;
}

export class AuditSearchQueryDto extends IntersectionType(AuditFilterDto, AuditPageDto) {}

export class AuditExportQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  /** UK DPA 2018 s.62: a disclosure of the log states why. Recorded in the export's own audit event. */
  @MetadataText(200, { description: 'Why the log is being exported (required, recorded in the audit log)' })
  reason: string;
}

export class AuditHistoryParamDto {
  @ApiProperty({ example: 'operation' })
  @IsString()
  @MaxLength(48)
  @Matches(NAME, { message: 'entityType may hold lower-case letters, digits, . _ and -' })
  entityType: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'entityId must be a UUID' })
  entityId: string;
}
