import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maintenanceTransaction, Query } from '../../database/maintenance';
import { GENESIS_HASH } from './canonical';
import { ChainSealerService } from './chain-sealer.service';

export interface ChainVerification {
  valid: boolean;
  /** How many links were checked (those before the first broken one, or all). */
  checked: number;
  /** The seq of the first event whose link does not hold, or null when all hold. */
  firstBrokenSeq: string | null;
  /** Why the first broken link fails, for the auditor. */
  reason?: string;
}

/**
 * Walks the whole chain in one SQL pass: every link's hash is recomputed by the database (its own
 * SHA-256 over the same canonical text the sealer hashed), every link is checked to follow the one
 * before it, and numbering to have no gap. Nothing is loaded into the server's memory.
 */
@Injectable()
export class ChainVerifierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: ChainSealerService,
  ) {}

  async verify(): Promise<ChainVerification> {
    await this.sealer.sealAll();
    // One consistent snapshot, and a deadline fit for a million links rather than a request's.
    const [row] = await maintenanceTransaction(this.dataSource, 'REPEATABLE READ', (q) => this.walk(q));
    if (!row.broken_link) return { valid: true, checked: Number(row.total), firstBrokenSeq: null };
    return { valid: false, checked: Number(row.broken_link) - 1, firstBrokenSeq: row.broken_seq, reason: row.reason ?? undefined };
  }

  private walk(q: Query): Promise<{ total: string; broken_link: string | null; broken_seq: string | null; reason: string | null }[]> {
    return q(
      `WITH links AS (
         SELECT c.link_no, c.seq, c.prev_hash, c.hash,
                lag(c.hash, 1, $1) OVER w AS expected_prev,
                lag(c.link_no, 1, 0::bigint) OVER w AS prev_no,
                e.seq AS event_seq,
                CASE WHEN e.seq IS NULL THEN NULL ELSE haven_audit_link_hash(c.prev_hash, e) END AS computed
           FROM audit_chain c LEFT JOIN audit_events e ON e.seq = c.seq
         WINDOW w AS (ORDER BY c.link_no)
       ),
       broken AS (
         SELECT link_no, seq,
                CASE WHEN link_no <> prev_no + 1 THEN 'link ' || (prev_no + 1) || ' is missing'
                     WHEN event_seq IS NULL THEN 'the event this link protects is missing'
                     WHEN prev_hash <> expected_prev THEN 'the link does not follow the one before it'
                     ELSE 'the event differs from what was sealed' END AS reason
           FROM links
          WHERE link_no <> prev_no + 1 OR event_seq IS NULL OR prev_hash <> expected_prev OR computed <> hash
          ORDER BY link_no LIMIT 1
       )
       SELECT (SELECT count(*) FROM audit_chain)::text AS total,
              (SELECT link_no::text FROM broken) AS broken_link,
              (SELECT seq::text FROM broken) AS broken_seq,
              (SELECT reason FROM broken) AS reason`,
      [GENESIS_HASH],
    );
  }
}
