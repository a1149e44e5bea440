import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/test-app';

const ref = (prefix: string) => `${prefix}/${randomBytes(4).toString('hex').toUpperCase()}`;

export interface RowOptions {
  voided?: boolean;
  children?: number;
}

/**
 * Hand-built records, inserted straight into the tables, so the counting rules are tested against
 * exactly the dates and flags written here. Each returns the new row's id.
 */
export function rows(t: TestApp) {
  const insert = async (table: string, values: Record<string, unknown>, o: RowOptions): Promise<string> => {
    const v: Record<string, unknown> = { ...values, ...(o.voided ? { voided_at: '2022-01-01T00:00:00Z', void_reason: 'entered twice' } : {}) };
    const cols = Object.keys(v);
    const res = await t.db.query(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(v),
    );
    return res[0].id;
  };
  return {
    /** An executed warrant (executedAt is what counts), or one in another status with no executedAt. */
    warrant: (unitId: string, executedAt: string | null, o: RowOptions & { status?: string } = {}) =>
      insert(
        'warrants',
        {
          unit_id: unitId,
          reference: ref('W'),
          type: 'PCA 1978 s.4',
          status: o.status ?? 'executed',
          executed_at: executedAt,
          children_safeguarded: o.children ?? 0,
        },
        o,
      ),
    arrest: (unitId: string, arrestedAt: string, o: RowOptions = {}) =>
      insert('arrests', { unit_id: unitId, arrested_at: arrestedAt, suspect_ref: ref('S'), offence_code: 'PCA1978-1' }, o),
    exhibit: (unitId: string, seizedAt: string, o: RowOptions = {}) =>
      insert('exhibits', { unit_id: unitId, reference: ref('JS'), item_type: 'phone', seized_at: seizedAt }, o),
    visit: (unitId: string, visitedAt: string, o: RowOptions = {}) =>
      insert('safeguarding_visits', { unit_id: unitId, visited_at: visitedAt, children_safeguarded: o.children ?? 0 }, o),
    referral: (unitId: string, receivedAt: string, o: RowOptions = {}) =>
      insert('referrals', { unit_id: unitId, source: 'NCA', reference: ref('NCA'), received_at: receivedAt, risk_grade: 'high' }, o),
  };
}

export const figures = (f: Partial<Record<string, number>> = {}) => ({
  warrantsExecuted: 0,
  arrests: 0,
  childrenSafeguarded: 0,
  exhibitsSeized: 0,
  safeguardingVisits: 0,
  referralsReceived: 0,
  ...f,
});
