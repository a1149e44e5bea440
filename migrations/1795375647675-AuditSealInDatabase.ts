import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One sealing batch as one statement: haven_audit_seal_batch picks the unlinked events, hashes
 * them in order (form 2: haven_audit_link_hash_v2, exactly what the verifier checks) and inserts
 * their links, inside the sealer's transaction and under its advisory lock.
 *
 * Before, the server fetched every event's binary record, hashed it in Node and sent the links
 * back 100 at a time: under a few thousand audited reads a second that was a tenth of the
 * server's CPU, in bursts once a second that showed in the reads' tail latency. Choosing which
 * events, the watermark and the lock stay in the sealer (ChainSealerService); only the per-event
 * work moved. The links are the same bytes either way, and a test checks one against the other.
 *
 * The function runs with the caller's rights (SECURITY INVOKER): the server's login may already
 * read audit_events and insert into audit_chain, and nothing more.
 */
export class AuditSealInDatabase1795375647675 implements MigrationInterface {
  name = 'AuditSealInDatabase1795375647675';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION haven_audit_seal_batch(
                p_watermark bigint, p_after bigint, p_limit integer, p_prev_hash text, p_link_no bigint, p_sealed_if_complete bigint
            ) RETURNS TABLE (linked integer, last_seq bigint) LANGUAGE plpgsql VOLATILE
              -- PL/pgSQL caches its plans, and the generic plan of the candidate query starts two
              -- parallel workers on every pass (5 ms, against 0.03 ms planned with the values).
              SET plan_cache_mode = force_custom_plan
            AS $$
            DECLARE
                e audit_events;
                h text := p_prev_hash;
                n bigint := p_link_no;
                link_nos bigint[] := '{}';
                seqs bigint[] := '{}';
                prevs text[] := '{}';
                hashes text[] := '{}';
            BEGIN
                FOR e IN
                    SELECT ev.* FROM audit_events ev
                     WHERE ev.tx >= p_watermark AND ev.seq > p_after
                       AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = ev.seq)
                     ORDER BY ev.seq LIMIT p_limit
                LOOP
                    n := n + 1;
                    link_nos := link_nos || n;
                    seqs := seqs || e.seq;
                    prevs := prevs || h;
                    h := haven_audit_link_hash_v2(h, e);
                    hashes := hashes || h;
                END LOOP;
                linked := cardinality(seqs);
                IF linked > 0 THEN
                    -- A full batch may have left older events behind: the watermark moves only
                    -- when the batch took everything it could see (see ChainSealerService).
                    INSERT INTO audit_chain (link_no, seq, prev_hash, hash, sealed_xmin, form)
                    SELECT u.l, u.s, u.p, u.x, CASE WHEN linked < p_limit THEN p_sealed_if_complete ELSE p_watermark END, 2
                      FROM unnest(link_nos, seqs, prevs, hashes) AS u(l, s, p, x);
                    last_seq := seqs[linked];
                ELSE
                    last_seq := p_after;
                END IF;
                RETURN NEXT;
            END
            $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION haven_audit_seal_batch(bigint, bigint, integer, text, bigint, bigint)`);
  }
}
