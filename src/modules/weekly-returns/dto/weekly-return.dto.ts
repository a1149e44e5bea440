import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, ValidateBy } from 'class-validator';
import { MetadataText } from '../../../core/records/validators';
import { parseIsoWeek } from '../../figures/iso-week';

/** A real ISO week, YYYY-Www: 2020-W53 exists, 2021-W53 and 2021-W00 do not. */
function IsIsoWeek() {
  return ValidateBy({
    name: 'isIsoWeek',
    validator: {
      validate: (value) => typeof value === 'string' && parseIsoWeek(value) !== null,
      defaultMessage: (args) => `${args?.property} must be a real ISO week as YYYY-Www (e.g. 2021-W09)`,
    },
  });
}

/** Every export states why it is made (UK DPA 2018 s.62); the reason is kept in the audit event. */
const ExportReason = () => MetadataText(200, { description: 'Why this export is needed (required, kept in the audit log)' });

const weekDoc = { example: '2021-W09', description: 'ISO week, YYYY-Www (Monday to Sunday, Europe/London)' };

export class UnitWeekQueryDto {
  @ApiProperty()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;

  @ApiProperty(weekDoc)
  @IsIsoWeek()
  week: string;
}

export class WeekQueryDto {
  @ApiProperty(weekDoc)
  @IsIsoWeek()
  week: string;
}

export class SeriesQueryDto {
  @ApiPropertyOptional({ description: 'One unit; leave out for every unit (central team only)' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiProperty({ ...weekDoc, description: 'First week (inclusive)' })
  @IsIsoWeek()
  from: string;

  @ApiProperty({ ...weekDoc, description: 'Last week (inclusive); at most 260 weeks after from' })
  @IsIsoWeek()
  to: string;
}

export class ReturnExportQueryDto extends UnitWeekQueryDto {
  @ExportReason()
  reason: string;
}

export class SummaryExportQueryDto extends WeekQueryDto {
  @ExportReason()
  reason: string;
}

export class SeriesExportQueryDto extends SeriesQueryDto {
  @ExportReason()
  reason: string;
}

export class SubmitReturnDto extends UnitWeekQueryDto {
  @MetadataText(1000, { optional: true, description: "The submitter's note on the return" })
  comment?: string | null;
}

export class ApproveReturnDto {
  @ApiPropertyOptional({ description: 'The figuresHash you reviewed: when given and no longer current, 409' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'figuresHash must be 64 lower-case hex characters' })
  figuresHash?: string;
}

export class ReturnReturnDto {
  @MetadataText(500, { description: 'Why the return goes back to the submitter (required)' })
  reason: string;
}
