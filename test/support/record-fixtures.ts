import { randomBytes } from 'node:crypto';
import { bearer, FixtureName, TestApp } from './test-app';

export type UnitCode = 'CENTRAL' | 'BCU-NE' | 'BCU-SW';

/** A unique reference such as OP/1A2B3C4D (records' references must not collide across tests). */
export const ref = (prefix: string, sep = '/') => `${prefix}${sep}${randomBytes(4).toString('hex').toUpperCase()}`;

export const SUPERVISOR: Record<UnitCode, FixtureName> = { CENTRAL: 'centralSupervisor', 'BCU-NE': 'neSupervisor', 'BCU-SW': 'swSupervisor' };

/** Operations are created by supervisors only, so prerequisites go through one of the unit's. */
export async function createOperation(t: TestApp, unit: UnitCode): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/operations')
    .set(bearer(await t.token(SUPERVISOR[unit])))
    .send({ name: 'LEGATUM', reference: ref('OP'), startsOn: '2021-03-01' });
  if (res.status !== 201) throw new Error(`operation create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** A warrant written straight to the table, for tests about the records that point at warrants. */
export async function insertWarrant(t: TestApp, unit: UnitCode, voided = false): Promise<string> {
  const [w] = await t.db.query(`INSERT INTO warrants (unit_id, reference, type, voided_at, void_reason) VALUES ($1, $2, 'PCA 1978 s.4', $3, $4) RETURNING id`, [
    t.units[unit],
    ref('W'),
    voided ? new Date() : null,
    voided ? 'test' : null,
  ]);
  return w.id;
}
