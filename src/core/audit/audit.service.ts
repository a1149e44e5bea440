import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { AUDIT_INSERT_SQL, AuditEntry, auditParams } from './audit-entry';

/**
 * Writes audit events that are not part of a record statement (logins, denials, admin changes).
 * Given a transaction's manager the event commits with the change; without one it is its own
 * committed statement, so when this resolves the event is durable.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async write(ctx: RequestContext, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const runner = manager ?? this.dataSource.manager;
    await runner.query(AUDIT_INSERT_SQL, auditParams(ctx, entry));
  }
}
