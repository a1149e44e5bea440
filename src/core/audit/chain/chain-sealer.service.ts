import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { maintenanceTransaction, Query } from '../../database/maintenance';
import { GENESIS_HASH } from './canonical';

/** Advisory-lock key that makes one sealer at a time, across every server instance. */
const CHAIN_LOCK_KEY = 748_201_911;
const BATCH = 20000;

/**
 * Links committed audit events into the SHA-256 chain, after their own transactions committed,
 * so writers never wait on a global chain head. Every instance runs a sealer; an advisory lock
 * lets one seal at a time, so there is one chain however many instances write.
 *
 * Events are linked in the order they become visible (by seq within each pass). An event whose
 * transaction commits late is linked in a later pass; a seq never used (a rolled-back
 * transaction) simply never appears. Each link records the pass's snapshot xmin: every
 * transaction older than that had finished, so later passes need only look at newer ones.
 */
@Injectable()
export class ChainSealerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChainSealerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.sealPending().catch((e: Error) => this.logger.warn(`audit chain sealing deferred: ${e.message}`));
    }, this.config.AUDIT_SEAL_INTERVAL_MS);
    this.timer.unref();
  }

  /**
   * For a graceful stop, once no request can add events (the HTTP server is closed): links
   * everything committed, rather than leaving it for the next start. Never throws.
   */
  async finalSeal(): Promise<number> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    if (!this.dataSource.isInitialized) return 0;
    return this.sealAll().catch((e: Error) => {
      this.logger.warn(`final audit seal skipped: ${e.message}`);
      return 0;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass if no other sealer holds the chain; returns how many events it linked. */
  sealPending(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.pass(false)
      .then((r) => r.linked)
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Waits for the chain and links everything committed so far (used before verification). A
   * backlog is taken in seq order, each batch starting after the last, so nothing linked is read
   * again; the last pass then looks at the whole unsealed range once, to catch any event that
   * committed late with a lower seq, before the watermark may move.
   */
  async sealAll(): Promise<number> {
    await this.running?.catch(() => undefined);
    let total = 0;
    let after = '0';
    let since: string | undefined;
    for (;;) {
      const { linked, lastSeq, xmin } = await this.pass(true, after, since);
      total += linked;
      if (linked === BATCH) {
        since ??= xmin;
        after = lastSeq;
        continue;
      }
      if (after === '0') return total;
      after = '0';
      since = undefined;
    }
  }

  private pass(wait: boolean, after = '0', since?: string): Promise<{ linked: number; lastSeq: string; xmin?: string }> {
    const run = async (q: Query) => {
      if (wait) {
        await q('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
      } else {
        const [{ locked }] = await q<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [CHAIN_LOCK_KEY]);
        if (!locked) return { linked: 0, lastSeq: after };
      }
      return this.linkBatch(q, after, since);
    };
    // A full seal (before verification, at a graceful stop) may have a large backlog to link:
    // maintenance deadline. The timed pass has a second's worth: an ordinary transaction.
    if (wait) return maintenanceTransaction(this.dataSource, 'READ COMMITTED', run);
    return this.dataSource.transaction((em) => run(<R>(sql: string, params: unknown[] = []) => em.query(sql, params) as Promise<R[]>));
  }

  /**
   * Links up to BATCH unlinked events with seq > `after`. `since` is the xmin the first batch of
   * a run of consecutive batches saw: every transaction older than it had finished then, so its
   * events were visible to that batch and to each one after it, which took them in seq order; once
   * the run's last batch is done they are all linked, and that batch may record `since` as the
   * watermark (without it, a large backlog left the old watermark, and every later pass scanned
   * the whole backlog again to find nothing).
   */
  private async linkBatch(q: Query, after: string, since?: string): Promise<{ linked: number; lastSeq: string; xmin: string }> {
    const head = await q<{ link_no: string; hash: string; sealed_xmin: string }>(
      // Qualified, so ORDER BY sorts the bigint column, not the text it is cast to for JavaScript.
      'SELECT c.link_no::text AS link_no, c.hash, c.sealed_xmin::text AS sealed_xmin FROM audit_chain c ORDER BY c.link_no DESC LIMIT 1',
    );
    const watermark = head[0]?.sealed_xmin ?? '0';
    // Taken before the candidates are read: every transaction older than this has finished, so
    // its events are visible to the next statement.
    const [{ xmin }] = await q<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
    // The events are picked, hashed in seq order and linked by one statement in the database
    // (haven_audit_seal_batch, migration AuditSealInDatabase): the server no longer fetches each
    // event and sends its link back. The watermark may move only after a pass (or a run of
    // batches, see above) that looked at the whole unsealed range and finished it; the function
    // keeps the old one when its batch was full, as that may have left older events behind.
    const sealedIfComplete = after === '0' ? xmin : (since ?? watermark);
    const [r] = await q<{ linked: number; last_seq: string }>(
      'SELECT linked, last_seq::text AS last_seq FROM haven_audit_seal_batch($1::bigint, $2::bigint, $3::integer, $4::text, $5::bigint, $6::bigint)',
      [watermark, after, BATCH, head[0]?.hash ?? GENESIS_HASH, head[0]?.link_no ?? '0', sealedIfComplete],
    );
    return { linked: r.linked, lastSeq: r.last_seq, xmin };
  }
}
