import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { SqlParams } from '../../core/database/sql-params';
import type { RequestContext } from '../../core/context/request-context';
import { AUDIT_ITEM_FROM, AUDIT_ITEM_SELECT, AuditItem, AuditPage, auditFilterSql, decodeSeqCursor, describeFilter, toPage } from './audit-rows';
import { AUDIT_PAGE_DEFAULT, AuditHistoryParamDto, AuditPageDto, AuditSearchQueryDto } from './dto/audit-query.dto';

/** How an event concerns a record: about it directly, or a list whose page included it. */
export type HistoryKind = 'direct' | 'list';
export type HistoryItem = AuditItem & { kind: HistoryKind };

/**
 * The auditor's read side of the log: search and one record's access history, newest first,
 * keyset-paged on seq. Every answer is itself audited, and the event is durable before the
 * answer leaves.
 */
@Injectable()
export class AuditSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async search(ctx: RequestContext, q: AuditSearchQueryDto): Promise<AuditPage> {
    const limit = q.limit ?? AUDIT_PAGE_DEFAULT;
    const before = q.cursor ? decodeSeqCursor(q.cursor) : null;
    const p = new SqlParams();
    const where = auditFilterSql(q, p);
    if (before) where.push(`e.seq < ${p.add(before, 'bigint')}`);
    const rows: AuditItem[] = await this.dataSource.query(
      `SELECT ${AUDIT_ITEM_SELECT} FROM ${AUDIT_ITEM_FROM}
        WHERE ${where.join(' AND ') || 'TRUE'} ORDER BY e.seq DESC LIMIT ${limit + 1}`,
      p.values,
    );
    const page = toPage(rows, limit);
    await this.audit.write(ctx, {
      action: 'audit.search',
      entityType: 'audit_event',
      outcome: 'success',
      details: { filter: describeFilter(q), before, limit, count: page.items.length },
    });
    return page;
  }

  /**
   * Every event about one record — views, changes, refusals — and every list that returned it
   * (found through the GIN index on the ids a list event records). Lists are matched by id
   * alone: ids are UUIDs, and a list of another kind that carried this id disclosed it too.
   */
  async history(ctx: RequestContext, target: AuditHistoryParamDto, q: AuditPageDto): Promise<AuditPage<HistoryItem>> {
    const limit = q.limit ?? AUDIT_PAGE_DEFAULT;
    const before = q.cursor ? decodeSeqCursor(q.cursor) : null;
    const id = target.entityId.toLowerCase();
    const p = new SqlParams();
    const type = p.add(target.entityType);
    const asUuid = p.add(id, 'uuid');
    const asText = p.add(id, 'text');
    const older = before ? `AND seq < ${p.add(before, 'bigint')}` : '';
    // Each branch stops at limit + 1 on its own index; the union of two such tops holds the
    // newest limit + 1 of both. `action = 'list'` is literal so the partial index applies.
    const rows: HistoryItem[] = await this.dataSource.query(
      `WITH hits AS (
         (SELECT seq FROM audit_events WHERE entity_type = ${type} AND entity_id = ${asUuid} ${older} ORDER BY seq DESC LIMIT ${limit + 1})
         UNION
         (SELECT seq FROM audit_events WHERE action = 'list' AND details -> 'ids' ? ${asText} ${older} ORDER BY seq DESC LIMIT ${limit + 1})
       )
       SELECT ${AUDIT_ITEM_SELECT},
              CASE WHEN e.entity_type = ${type} AND e.entity_id = ${asUuid} THEN 'direct' ELSE 'list' END AS "kind"
         FROM hits h JOIN audit_events e ON e.seq = h.seq LEFT JOIN audit_chain c ON c.seq = e.seq
        ORDER BY e.seq DESC LIMIT ${limit + 1}`,
      p.values,
    );
    const page = toPage(rows, limit);
    await this.audit.write(ctx, {
      action: 'audit.history',
      entityType: target.entityType,
      entityId: id,
      outcome: 'success',
      details: {
        before,
        limit,
        count: page.items.length,
        listHits: page.items.filter((i) => i.kind === 'list').length,
      },
    });
    return page;
  }
}
