import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHAINED_EVENT_COLUMNS, ChainedEvent, GENESIS_HASH, linkHash } from './canonical';
import { ChainSealerService } from './chain-sealer.service';

export interface ChainVerification {
  valid: boolean;
  /** How many links were checked. */
  checked: number;
  /** The seq of the first event whose link does not hold, or null when all hold. */
  firstBrokenSeq: string | null;
  /** Why the first broken link fails, for the auditor. */
  reason?: string;
}

const PAGE = 20000;

type LinkRow = ChainedEvent & { link_no: string; link_seq: string; prev_hash: string; hash: string; event_seq: string | null };

/** Walks the whole chain from the first link and recomputes every hash. */
@Injectable()
export class ChainVerifierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: ChainSealerService,
  ) {}

  async verify(): Promise<ChainVerification> {
    await this.sealer.sealAll();
    let prev = GENESIS_HASH;
    let expectedLinkNo = 1n;
    let checked = 0;
    let after = '0';
    for (;;) {
      const rows: LinkRow[] = await this.dataSource.query(
        `SELECT c.link_no::text, c.seq::text AS link_seq, c.prev_hash, c.hash, e.seq::text AS event_seq, ${CHAINED_EVENT_COLUMNS.replace('e.seq::text AS seq,', '')}
           FROM audit_chain c LEFT JOIN audit_events e ON e.seq = c.seq
          WHERE c.link_no > $1::bigint ORDER BY c.link_no LIMIT ${PAGE}`,
        [after],
      );
      for (const r of rows) {
        const broken = (reason: string): ChainVerification => ({ valid: false, checked, firstBrokenSeq: r.link_seq, reason });
        if (BigInt(r.link_no) !== expectedLinkNo) return broken(`link ${expectedLinkNo} is missing`);
        if (r.event_seq === null) return broken('the event this link protects is missing');
        if (r.prev_hash !== prev) return broken('the link does not follow the one before it');
        const hash = linkHash(prev, { ...r, seq: r.event_seq });
        if (hash !== r.hash) return broken('the event differs from what was sealed');
        prev = hash;
        expectedLinkNo += 1n;
        checked += 1;
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].link_no;
    }
    return { valid: true, checked, firstBrokenSeq: null };
  }
}
