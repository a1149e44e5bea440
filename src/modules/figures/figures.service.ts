import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addFigures, Figures, zeroFigures } from './figures';

export interface FigureFilter {
  /** Units to count; null counts every unit. */
  unitIds: string[] | null;
  /** Only records of this operation. */
  operationId?: string | null;
  /** Monday (YYYY-MM-DD) of the first ISO week counted; null counts all time. */
  fromMonday?: string | null;
  /** How many weeks from fromMonday (default 1). */
  weeks?: number;
}

interface Row {
  unit_id: string;
  monday: string | null;
  warrants_executed: string;
  arrests: string;
  children_safeguarded: string;
  exhibits_seized: string;
  safeguarding_visits: string;
  referrals_received: string;
}

/**
 * The counting rules (docs/counting-rules.md): live (non-voided) records of a unit whose own date falls in
 * the week, weeks running Monday 00:00 to Monday 00:00 Europe/London local time — Postgres turns
 * the local midnights into instants, so GMT/BST changes fall where the law says they do.
 */
@Injectable()
export class FiguresService {
  constructor(private readonly dataSource: DataSource) {}

  /** Totals per unit over the filter; every requested unit appears, with zeros if it did nothing. */
  async byUnit(f: FigureFilter): Promise<Map<string, Figures>> {
    const rows = await this.query(f, false);
    return new Map(rows.map((r) => [r.unit_id, this.toFigures(r)]));
  }

  /** Totals summed over all matching units. */
  async total(f: FigureFilter): Promise<Figures> {
    let sum = zeroFigures();
    for (const figures of (await this.byUnit(f)).values()) sum = addFigures(sum, figures);
    return sum;
  }

  /** Totals per ISO week (keyed by Monday, YYYY-MM-DD) over a range, summed over the units. */
  async byWeek(f: FigureFilter & { fromMonday: string; weeks: number }): Promise<Map<string, Figures>> {
    const rows = await this.query(f, true);
    const out = new Map<string, Figures>();
    for (const r of rows) {
      if (!r.monday) continue;
      out.set(r.monday, addFigures(out.get(r.monday) ?? zeroFigures(), this.toFigures(r)));
    }
    return out;
  }

  private async query(f: FigureFilter, perWeek: boolean): Promise<Row[]> {
    const params = [f.fromMonday ?? null, f.weeks ?? 1, f.unitIds, f.operationId ?? null];
    // Each table's own date, its extra condition, and what it contributes.
    const week = (col: string) => (perWeek ? `(date_trunc('week', ${col} AT TIME ZONE 'Europe/London'))::date::text` : 'NULL::text');
    const where = (col: string, extra = '') => `
        voided_at IS NULL ${extra}
        AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))
        AND ($4::uuid IS NULL OR operation_id = $4::uuid)
        AND ($1::date IS NULL OR (${col} >= (SELECT lo FROM b) AND ${col} < (SELECT hi FROM b)))`;
    const sql = `
      WITH b AS (
        SELECT ($1::date::timestamp AT TIME ZONE 'Europe/London') AS lo,
               (($1::date + 7 * $2::int)::timestamp AT TIME ZONE 'Europe/London') AS hi
      ),
      parts AS (
        SELECT unit_id, ${week('executed_at')} AS monday, count(*) AS warrants_executed, 0 AS arrests,
               sum(children_safeguarded) AS children_safeguarded, 0 AS exhibits_seized, 0 AS safeguarding_visits, 0 AS referrals_received
          FROM warrants WHERE ${where('executed_at', `AND status = 'executed'`)} GROUP BY 1, 2
        UNION ALL
        SELECT unit_id, ${week('arrested_at')}, 0, count(*), 0, 0, 0, 0 FROM arrests WHERE ${where('arrested_at')} GROUP BY 1, 2
        UNION ALL
        SELECT unit_id, ${week('seized_at')}, 0, 0, 0, count(*), 0, 0 FROM exhibits WHERE ${where('seized_at')} GROUP BY 1, 2
        UNION ALL
        SELECT unit_id, ${week('visited_at')}, 0, 0, sum(children_safeguarded), 0, count(*), 0 FROM safeguarding_visits WHERE ${where('visited_at')} GROUP BY 1, 2
        UNION ALL
        SELECT unit_id, ${week('received_at')}, 0, 0, 0, 0, 0, count(*) FROM referrals WHERE ${where('received_at')} GROUP BY 1, 2
      )
      SELECT u.id AS unit_id, p.monday,
             COALESCE(sum(p.warrants_executed), 0) AS warrants_executed, COALESCE(sum(p.arrests), 0) AS arrests,
             COALESCE(sum(p.children_safeguarded), 0) AS children_safeguarded, COALESCE(sum(p.exhibits_seized), 0) AS exhibits_seized,
             COALESCE(sum(p.safeguarding_visits), 0) AS safeguarding_visits, COALESCE(sum(p.referrals_received), 0) AS referrals_received
        FROM units u LEFT JOIN parts p ON p.unit_id = u.id
       WHERE ($3::uuid[] IS NULL OR u.id = ANY($3::uuid[]))
       GROUP BY u.id, p.monday`;
    return this.dataSource.query(sql, params);
  }

  private toFigures(r: Row): Figures {
    return {
      warrantsExecuted: Number(r.warrants_executed),
      arrests: Number(r.arrests),
      childrenSafeguarded: Number(r.children_safeguarded),
      exhibitsSeized: Number(r.exhibits_seized),
      safeguardingVisits: Number(r.safeguarding_visits),
      referralsReceived: Number(r.referrals_received),
    };
  }
}
