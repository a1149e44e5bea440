import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { returnCsv, seriesCsv, summaryCsv } from './weekly-return-csv';
import { WeeklyReturnAccess } from './weekly-return-access.service';
import { WeeklyReturnsReportingService } from './weekly-returns-reporting.service';

const safe = (code: string) => code.replace(/[^A-Za-z0-9-]/g, '_');

export interface CsvFile {
  filename: string;
  body: string;
}

/**
 * CSV exports of a return, the force-wide summary and a series. Each carries the stated reason
 * into its audit event, which is durable before any byte of the file is sent.
 */
@Injectable()
export class WeeklyReturnsExportService {
  constructor(
    private readonly reporting: WeeklyReturnsReportingService,
    private readonly access: WeeklyReturnAccess,
  ) {}

  async returnCsv(ctx: RequestContext, q: { unitId: string; week: string; reason: string }): Promise<CsvFile> {
    const details = { kind: 'return', format: 'csv', unitId: q.unitId, week: q.week, reason: q.reason };
    const unit = await this.access.unit(ctx, q.unitId, 'export', details);
    const v = await this.reporting.buildView(unit, q.week);
    await this.access.read(ctx, 'export', v.return?.id ?? null, details);
    return { filename: `weekly-return-${safe(unit.code)}-${q.week}.csv`, body: returnCsv(v) };
  }

  async summaryCsv(ctx: RequestContext, q: { week: string; reason: string }): Promise<CsvFile> {
    const details = { kind: 'summary', format: 'csv', week: q.week, reason: q.reason };
    await this.access.requireForceWide(ctx, 'export', details);
    const s = await this.reporting.buildSummary(q.week);
    await this.access.read(ctx, 'export', null, details);
    return { filename: `weekly-returns-all-units-${q.week}.csv`, body: summaryCsv(s) };
  }

  async seriesCsv(ctx: RequestContext, q: { unitId?: string; from: string; to: string; reason: string }): Promise<CsvFile> {
    const details = { kind: 'series', format: 'csv', unitId: q.unitId ?? null, from: q.from, to: q.to, reason: q.reason };
    const unit = await this.reporting.seriesUnit(ctx, 'export', q, details);
    const s = await this.reporting.buildSeries(unit, q.from, q.to);
    await this.access.read(ctx, 'export', null, details);
    return { filename: `weekly-returns-${unit ? safe(unit.code) : 'all-units'}-${q.from}-to-${q.to}.csv`, body: seriesCsv(s) };
  }
}
