import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maintenanceTransaction } from '../../database/maintenance';
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
 * Walks the whole chain in SQL, two passes side by side over one snapshot: every link's hash is
 * recomputed by the database (its own SHA-256 over the same bytes the sealer hashed, in the
 * link's form), and every link is checked to follow the one before it, numbered without a gap.
 * Nothing is loaded into the server's memory.
 */
@Injectable()
export class ChainVerifierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: ChainSealerService,
  ) {}

  async verify(): Promise<ChainVerification> {
    await this.sealer.sealAll();
    // One consistent snapshot, shared by two connections so the two passes run side by side, and
    // a deadline fit for a million links rather than a request's.
    const found = await maintenanceTransaction(this.dataSource, 'REPEATABLE READ', async (q) => {
      const [{ snapshot }] = await q<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
      const continuity = maintenanceTransaction(this.dataSource, 'REPEATABLE READ', async (q2) => {
        await q2(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        const [order] = await q2<BrokenLink>(CONTINUITY_SQL, [GENESIS_HASH]);
        const [head] = await q2<{ link_no: string }>('SELECT c.link_no::text AS link_no FROM audit_chain c ORDER BY c.link_no DESC LIMIT 1');
        return { order, head: Number(head?.link_no ?? 0) };
      });
      // The content check is the heavy part: one parallel worker beside this connection (with
      // the continuity pass on the other core, more only queue for it).
      const contentPass = (async () => {
        await q('SET LOCAL parallel_setup_cost = 0');
        await q('SET LOCAL parallel_tuple_cost = 0');
        await q('SET LOCAL max_parallel_workers_per_gather = 1');
        return (await q<BrokenLink>(CONTENT_SQL))[0];
      })();
      const [content, { order, head }] = await Promise.all([contentPass, continuity]);
      const first = [order, content].filter((b) => b?.link_no).sort((a, b) => Number(a.link_no) - Number(b.link_no))[0];
      // With no gap and no break, the links are numbered 1..head: head is how many were checked.
      return { total: head, first };
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
