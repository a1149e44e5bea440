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
    const found = await maintenanceTransaction(this.dataSource, 'REPEATABLE READ', async (q) => {
      const [{ total }] = await q<{ total: string }>('SELECT count(*)::text AS total FROM audit_chain');
      const [order] = await q<BrokenLink>(CONTINUITY_SQL, [GENESIS_HASH]);
      // The content check is the heavy part; let Postgres spread it over its parallel workers.
      await q('SET LOCAL parallel_setup_cost = 0');
      await q('SET LOCAL parallel_tuple_cost = 0');
      const [content] = await q<BrokenLink>(CONTENT_SQL);
      const first = [order, content].filter((b) => b?.link_no).sort((a, b) => Number(a.link_no) - Number(b.link_no))[0];
      return { total: Number(total), first };
    });
    if (!found.first) return { valid: true, checked: found.total, firstBrokenSeq: null };
    return { valid: false, checked: Number(found.first.link_no) - 1, firstBrokenSeq: found.first.seq, reason: found.first.reason };
  }
}

interface BrokenLink {
  link_no: string | null;
  seq: string | null;
  reason: string;
}

/** Each link follows the one before it, numbered without a gap: one ordered pass over the chain. */
const CONTINUITY_SQL = `
  SELECT link_no::text, seq::text,
         CASE WHEN link_no <> prev_no + 1 THEN 'link ' || (prev_no + 1) || ' is missing'
              ELSE 'the link does not follow the one before it' END AS reason
    FROM (SELECT link_no, seq, prev_hash,
                 lag(hash, 1, $1) OVER w AS expected_prev,
                 lag(link_no, 1, 0::bigint) OVER w AS prev_no
            FROM audit_chain WINDOW w AS (ORDER BY link_no)) x
   WHERE link_no <> prev_no + 1 OR prev_hash <> expected_prev
   ORDER BY link_no LIMIT 1`;

/**
 * Each link's hash over its event, recomputed by the database in the link's form (see
 * canonical.ts); the lowest failing link. A form that is neither fails.
 */
const CONTENT_SQL = `
  SELECT c.link_no::text, c.seq::text,
         CASE WHEN e.seq IS NULL THEN 'the event this link protects is missing' ELSE 'the event differs from what was sealed' END AS reason
    FROM audit_chain c LEFT JOIN audit_events e ON e.seq = c.seq
   WHERE c.link_no = (SELECT min(c2.link_no) FROM audit_chain c2 LEFT JOIN audit_events e2 ON e2.seq = c2.seq
                       WHERE e2.seq IS NULL
                          OR CASE c2.form WHEN 2 THEN haven_audit_link_hash_v2(c2.prev_hash, e2)
                                          WHEN 1 THEN haven_audit_link_hash(c2.prev_hash, e2) END IS DISTINCT FROM c2.hash)`;
