import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { AuditService } from '../../core/audit/audit.service';
import { ChainVerifierService } from '../../core/audit/chain/chain-verifier.service';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { AuditExportService } from './audit-export.service';
import { AuditSearchService } from './audit-search.service';
import { AuditExportQueryDto, AuditHistoryParamDto, AuditPageDto, AuditSearchQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditLogController {
  constructor(
    private readonly verifier: ChainVerifierService,
    private readonly audit: AuditService,
    private readonly searcher: AuditSearchService,
    private readonly exporter: AuditExportService,
  ) {}

  @Get()
  @Allow(Permission.AuditRead)
  @ApiOkResponse({ description: '{ items, nextCursor }: events newest first, each with its chain link once sealed' })
  search(@Ctx() ctx: RequestContext, @Query() q: AuditSearchQueryDto) {
    return this.searcher.search(ctx, q);
  }

  @Get('history/:entityType/:entityId')
  @Allow(Permission.AuditRead)
  @ApiOkResponse({ description: "{ items, nextCursor }: the record's events and the lists that returned it, newest first, each with kind 'direct' or 'list'" })
  history(@Ctx() ctx: RequestContext, @Param() target: AuditHistoryParamDto, @Query() q: AuditPageDto) {
    return this.searcher.history(ctx, target, q);
  }

  /** Streamed, never held in memory; audited with its reason before the first byte is sent. */
  @Get('export')
  @Allow(Permission.AuditExport)
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'The matching events, oldest first, up to the last one committed when the export began' })
  async export(@Ctx() ctx: RequestContext, @Query() q: AuditExportQueryDto, @Res() reply: FastifyReply) {
    const out = await this.exporter.open(ctx, q);
    return reply
      .header('content-type', out.contentType)
      .header('content-disposition', `attachment; filename="${out.filename}"`)
      .header('cache-control', 'no-store')
      .send(out.stream);
  }

  /** Links everything committed so far, then walks the whole chain. The check is itself audited. */
  @Get('verify')
  @Allow(Permission.AuditVerify)
  @ApiOkResponse({ description: '{ valid, checked, firstBrokenSeq }' })
  async verify(@Ctx() ctx: RequestContext) {
    const result = await this.verifier.verify();
    await this.audit.write(ctx, {
      action: 'audit.verify',
      entityType: 'audit_chain',
      outcome: 'success',
      details: { valid: result.valid, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq },
    });
    return result;
  }
}
