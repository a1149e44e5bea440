import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query, Type, ValidationPipe } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorator';
import { Ctx, RequestContext } from '../context/request-context';
import { createValidationPipe } from '../http/validation';
import { RecordListQueryDto } from './dto/record-list-query.dto';
import { VoidRecordDto } from './dto/record-write.dto';
import type { RecordService } from './record.service';
import type { RecordTypeDescription } from './record-type';
import type { ListQuery } from './record-store';
import type { UnitRecordEntity } from './unit-record.entity';
import { UuidParamPipe } from './uuid-param.pipe';

/** Validation for a parameter whose type a generic base class cannot emit as metadata. */
function validated<T>(type: Type<T>): ValidationPipe {
  const pipe = createValidationPipe();
  (pipe as unknown as { expectedType: Type<T> }).expectedType = type;
  return pipe;
}

const PAGING_KEYS = new Set(['limit', 'cursor', 'sort', 'direction', 'includeVoided', 'from', 'to']);

/** Splits a list query DTO into paging and the equality filters the store whitelists. */
export function toListQuery(q: RecordListQueryDto): ListQuery {
  const filters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) if (!PAGING_KEYS.has(k) && v !== undefined) filters[k] = v;
  return { ...q.toListQuery(), from: q.from, to: q.to, filters };
}

/**
 * The five routes every case record has — create, list, read, update, void — with the
 * permissions and validation its description names. A record's controller extends this and adds
 * its own routes.
 */
export function RecordController(d: RecordTypeDescription) {
  const o = { read: d.permissions.read, write: d.permissions.write, createDto: d.dto.create, updateDto: d.dto.update, listQuery: d.listQuery };
  abstract class RecordControllerBase {
    protected abstract readonly service: RecordService<UnitRecordEntity>;

    @Post()
    @Allow(o.write)
    @ApiBody({ type: o.createDto })
    @ApiCreatedResponse({ description: 'The record, with its id and version' })
    create(@Ctx() ctx: RequestContext, @Body(validated(o.createDto)) dto: object) {
      return this.service.create(ctx, dto);
    }

    @Get()
    @Allow(o.read)
    @ApiOkResponse({ description: '{ items, nextCursor }' })
    // Typed loosely on purpose: the emitted parameter type must be Object so the global pipe
    // leaves validation to the record's own query class.
    list(@Ctx() ctx: RequestContext, @Query(validated(o.listQuery)) q: object) {
      return this.service.list(ctx, toListQuery(q as RecordListQueryDto));
    }

    @Get(':id')
    @Allow(o.read)
    @ApiNotFoundResponse({ description: 'No such record in your units' })
    get(@Ctx() ctx: RequestContext, @Param('id', new UuidParamPipe()) id: string) {
      return this.service.get(ctx, id);
    }

    @Patch(':id')
    @Allow(o.write)
    @ApiBody({ type: o.updateDto })
    @ApiConflictResponse({ description: 'Stale version, or the record is void' })
    update(@Ctx() ctx: RequestContext, @Param('id', new UuidParamPipe()) id: string, @Body(validated(o.updateDto)) dto: object) {
      return this.service.update(ctx, id, dto as { version: number });
    }

    @Delete(':id')
    @HttpCode(200)
    @Allow(o.write)
    @ApiBody({ type: VoidRecordDto })
    @ApiOkResponse({ description: 'The voided record' })
    void(@Ctx() ctx: RequestContext, @Param('id', new UuidParamPipe()) id: string, @Body(validated(VoidRecordDto)) dto: VoidRecordDto) {
      return this.service.void(ctx, id, dto.reason, dto.version);
    }
  }
  return RecordControllerBase;
}
