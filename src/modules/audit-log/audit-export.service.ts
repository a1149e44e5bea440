import { csvCell } from '../../core/http/csv';
import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { SqlParams } from '../../core/database/sql-params';
import type { RequestContext } from '../../core/context/request-context';
import { AUDIT_ITEM_FIELDS, AUDIT_ITEM_FROM, AUDIT_ITEM_SELECT, AuditItem, auditFilterSql, describeFilter } from './audit-rows';
import type { AuditExportQueryDto, AuditFilterDto, ExportFormat } from './dto/audit-query.dto';

/** Rows per database round trip: each batch is a short keyset query, never one long cursor. */
export const EXPORT_BATCH = 5000;
/** Rows per chunk written to the socket, so back-pressure works in small steps. */
const CHUNK_ROWS = 500;

export interface AuditExport {
  stream: Readable;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export const CSV_HEADER = AUDIT_ITEM_FIELDS.join(',');

export function csvLine(item: AuditItem): string {
  return AUDIT_ITEM_FIELDS.map((f) => csvCell(item[f])).join(',');
}

function ndjsonLine(item: AuditItem): string {
  return JSON.stringify(Object.fromEntries(AUDIT_ITEM_FIELDS.map((f) => [f, item[f] ?? null])));
}

/**
 * Streams the audit log, oldest first (chain order), as CSV or NDJSON. The export is audited
 * with its filter and stated reason before the first byte goes out, and it stops at the last
 * event committed when it began, so what was disclosed is exactly described by that event.
 */
@Injectable()
export class AuditExportService {
  private readonly logger = new Logger(AuditExportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async open(ctx: RequestContext, q: AuditExportQueryDto): Promise<AuditExport> {
    const format: ExportFormat = q.format ?? 'csv';
    const [{ upTo }]: { upTo: string }[] = await this.dataSource.query(`SELECT COALESCE(max(seq), 0)::text AS "upTo" FROM audit_events`);
    await this.audit.write(ctx, {
      action: 'audit.export',
      entityType: 'audit_event',
      outcome: 'success',
      details: { filter: describeFilter(q), format, reason: q.reason, upToSeq: upTo },
    });
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const stream = Readable.from(this.lines(q, format, upTo), { objectMode: false });
    stream.on('error', (err) => this.logger.error({ err, requestId: ctx.requestId }, `audit export failed mid-stream: ${err.message}`));
    return { stream, contentType: CONTENT_TYPES[format], filename: `haven-audit-${stamp}.${format}` };
  }

  private async *lines(filter: AuditFilterDto, format: ExportFormat, upTo: string): AsyncGenerator<string> {
    if (format === 'csv') yield `${CSV_HEADER}\r\n`;
    const toLine = format === 'csv' ? csvLine : ndjsonLine;
    const eol = format === 'csv' ? '\r\n' : '\n';
    let after = '0';
    for (;;) {
      const rows = await this.batch(filter, after, upTo);
      for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
        yield rows
          .slice(i, i + CHUNK_ROWS)
          .map((r) => toLine(r) + eol)
          .join('');
      }
      if (rows.length < EXPORT_BATCH) return;
      after = rows[rows.length - 1].seq;
    }
  }

  private batch(filter: AuditFilterDto, after: string, upTo: string): Promise<AuditItem[]> {
    const p = new SqlParams();
    const where = [...auditFilterSql(filter, p), `e.seq > ${p.add(after, 'bigint')}`, `e.seq <= ${p.add(upTo, 'bigint')}`];
    return this.dataSource.query(
      `SELECT ${AUDIT_ITEM_SELECT} FROM ${AUDIT_ITEM_FROM} WHERE ${where.join(' AND ')} ORDER BY e.seq LIMIT ${EXPORT_BATCH}`,
      p.values,
    );
  }
}
