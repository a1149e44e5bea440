import type { Type } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ListFilter } from '../record-type';
import { OperationChildListQueryDto, RecordListQueryDto, WarrantChildListQueryDto } from './record-list-query.dto';

/**
 * A record list's query class, from its filters: the reference filters pick the base class
 * (which declares them), each fixed-value filter becomes an optional property that must be one
 * of its values. The class is what the API validates against and what the web's filter form is
 * checked with, so the filters are declared once, in the record type's description.
 */
export function listQueryDto(name: string, filters: readonly ListFilter[]): Type<RecordListQueryDto> {
  const names = new Set(filters.map((f) => f.name));
  const Base = names.has('warrantId') ? WarrantChildListQueryDto : names.has('operationId') ? OperationChildListQueryDto : RecordListQueryDto;
  if (names.has('warrantId') && !names.has('operationId')) throw new Error(`${name}: a warrantId filter comes with operationId`);
  const Query = class extends Base {};
  Object.defineProperty(Query, 'name', { value: name });
  for (const f of filters) {
    if (!('values' in f)) continue;
    Reflect.defineMetadata('design:type', String, Query.prototype, f.name);
    for (const decorate of [IsIn(f.values as string[]), IsOptional(), ApiPropertyOptional({ enum: f.values as string[] })]) decorate(Query.prototype, f.name);
  }
  return Query;
}
