import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from './page-query.dto';

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Filters every record list takes: unit, a date range on the record's own date, paging. */
export class RecordListQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: "On or after (the record's own date), YYYY-MM-DD or date-time with offset" })
  @IsOptional()
  @Matches(DATE_OR_TIME, { message: 'from must be YYYY-MM-DD or an ISO 8601 date-time with offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'Before (exclusive)' })
  @IsOptional()
  @Matches(DATE_OR_TIME, { message: 'to must be YYYY-MM-DD or an ISO 8601 date-time with offset' })
  to?: string;
}

/** Lists of records that hang off an operation. */
export class OperationChildListQueryDto extends RecordListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  operationId?: string;
}

/** Lists of records that hang off a warrant (arrests, exhibits, safeguarding visits). */
export class WarrantChildListQueryDto extends OperationChildListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  warrantId?: string;
}
