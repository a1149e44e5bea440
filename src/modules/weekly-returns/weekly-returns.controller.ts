import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { IdParamDto } from '../../core/records/dto/id-param.dto';
import {
  ApproveReturnDto,
  ReturnExportQueryDto,
  ReturnReturnDto,
  SeriesExportQueryDto,
  SeriesQueryDto,
  SubmitReturnDto,
  SummaryExportQueryDto,
  UnitWeekQueryDto,
  WeekQueryDto,
} from './dto/weekly-return.dto';
import { CsvFile, WeeklyReturnsExportService } from './weekly-returns-export.service';
import { WeeklyReturnsReportingService } from './weekly-returns-reporting.service';
import { WeeklyReturnsSignOffService } from './weekly-returns-sign-off.service';

function sendCsv(reply: FastifyReply, file: CsvFile): string {
  void reply.header('content-type', 'text/csv; charset=utf-8');
  void reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  void reply.header('cache-control', 'no-store');
  return file.body;
}

// Static paths (summary, series, export) are matched before ':id' by the router, and ':id' must be a UUID anyway.
@ApiTags('weekly-returns')
@Controller('weekly-returns')
export class WeeklyReturnsController {
  constructor(
    private readonly reporting: WeeklyReturnsReportingService,
    private readonly signOff: WeeklyReturnsSignOffService,
    private readonly exports: WeeklyReturnsExportService,
  ) {}

  @Get()
  @Allow(Permission.WeeklyReturnRead)
  @ApiOkResponse({ description: "A unit's week: live figures, the stored return (if any), stale flag, approved vs live, comparisons" })
  @ApiNotFoundResponse({ description: 'No such unit in your units' })
  view(@Ctx() ctx: RequestContext, @Query() q: UnitWeekQueryDto) {
    return this.reporting.view(ctx, q.unitId, q.week);
  }

  @Get('summary')
  @Allow(Permission.WeeklyReturnRead)
  @ApiOkResponse({ description: 'The force-wide return (central team): per-unit rows, total, comparisons' })
  summary(@Ctx() ctx: RequestContext, @Query() q: WeekQueryDto) {
    return this.reporting.summary(ctx, q.week);
  }

  @Get('series')
  @Allow(Permission.WeeklyReturnRead)
  @ApiOkResponse({ description: 'Figures week by week (at most 260 weeks); without unitId, every unit (central team)' })
  series(@Ctx() ctx: RequestContext, @Query() q: SeriesQueryDto) {
    return this.reporting.series(ctx, q);
  }

  @Get('export')
  @Allow(Permission.WeeklyReturnExport)
  @ApiProduces('text/csv')
  async exportReturn(@Ctx() ctx: RequestContext, @Query() q: ReturnExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCsv(reply, await this.exports.returnCsv(ctx, q));
  }

  @Get('summary/export')
  @Allow(Permission.WeeklyReturnExport)
  @ApiProduces('text/csv')
  async exportSummary(@Ctx() ctx: RequestContext, @Query() q: SummaryExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCsv(reply, await this.exports.summaryCsv(ctx, q));
  }

  @Get('series/export')
  @Allow(Permission.WeeklyReturnExport)
  @ApiProduces('text/csv')
  async exportSeries(@Ctx() ctx: RequestContext, @Query() q: SeriesExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCsv(reply, await this.exports.seriesCsv(ctx, q));
  }

  @Get(':id')
  @Allow(Permission.WeeklyReturnRead)
  @ApiOkResponse({ description: 'The return with its history steps, live figures, stale flag and comparisons' })
  @ApiNotFoundResponse({ description: 'No such return in your units' })
  get(@Ctx() ctx: RequestContext, @Param() p: IdParamDto) {
    return this.reporting.viewById(ctx, p.id);
  }

  @Post()
  @Allow(Permission.WeeklyReturnSubmit)
  @ApiCreatedResponse({ description: 'The submitted return, with its compiled figures and their hash' })
  @ApiConflictResponse({ description: 'Already submitted or approved' })
  submit(@Ctx() ctx: RequestContext, @Body() dto: SubmitReturnDto) {
    return this.signOff.submit(ctx, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Allow(Permission.WeeklyReturnApprove)
  @ApiOkResponse({ description: 'The approved return: its figures and hash are now locked' })
  @ApiConflictResponse({ description: 'Not submitted, or resubmitted since the figuresHash you reviewed' })
  approve(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Body() dto: ApproveReturnDto) {
    return this.signOff.approve(ctx, p.id, dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Allow(Permission.WeeklyReturnApprove)
  @ApiOkResponse({ description: 'The return, sent back with the reason; it can be corrected and submitted again' })
  @ApiConflictResponse({ description: 'Not submitted' })
  return(@Ctx() ctx: RequestContext, @Param() p: IdParamDto, @Body() dto: ReturnReturnDto) {
    return this.signOff.return(ctx, p.id, dto.reason);
  }
}
