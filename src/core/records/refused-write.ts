import type { HttpException } from '@nestjs/common';
import type { AuditEntry } from '../audit/audit-entry';

/**
 * A write refused inside its transaction (stale version, voided record, not in scope): the one
 * way Haven refuses and audits the refusal, used by the record store, the custody chain and the
 * weekly returns (sign-off steps and return access). `response` is the typed error the caller
 * gets (see core/errors/domain-errors.ts); `entry` is what goes on record. It is
 * audited only after the transaction has rolled back and released its connection: auditing from
 * inside would need a second pooled connection while holding the first, and enough concurrent
 * refusals would then hold every connection and wait forever for one more.
 */
export class RefusedWrite extends Error {
  constructor(
    readonly entry: AuditEntry,
    readonly response: HttpException,
  ) {
    super(response.message);
  }
}

/** Runs `work` (a transaction); a RefusedWrite from it is audited with `record`, then answered. */
export async function auditingRefusals<R>(record: (entry: AuditEntry) => Promise<void>, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof RefusedWrite)) throw e;
    await record(e.entry);
    throw e.response;
  }
}
