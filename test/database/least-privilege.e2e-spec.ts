import { Client } from 'pg';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('the server runs as a least-privilege database login', () => {
  let t: TestApp;
  let app: Client;
  beforeAll(async () => {
    t = await createTestApp({ leastPrivilege: true });
    app = new Client({ connectionString: (t.db.options as { url: string }).url });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await t.close();
  });

  it('is not the owner or a superuser', async () => {
    const { rows } = await app.query(`SELECT current_user AS me, rolsuper FROM pg_roles WHERE rolname = current_user`);
    expect(rows[0].rolsuper).toBe(false);
    const owner = await app.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events'`);
    expect(owner.rows[0].tableowner).not.toBe(rows[0].me);
  });

  it.each([
    ['alter the schema', 'ALTER TABLE operations ADD COLUMN notes varchar(10)'],
    ['create a table', 'CREATE TABLE smuggled (x int)'],
    ['disable the audit triggers', 'ALTER TABLE audit_events DISABLE TRIGGER ALL'],
    ['drop an audit trigger', 'DROP TRIGGER audit_events_no_update_delete ON audit_events'],
    ['update the audit log', `UPDATE audit_events SET outcome = 'x'`],
    ['delete from the audit log', 'DELETE FROM audit_events'],
    ['truncate the audit log', 'TRUNCATE audit_events'],
    ['hard-delete a record', 'DELETE FROM operations'],
    ['truncate records', 'TRUNCATE operations CASCADE'],
    ['rewrite the chain', 'DELETE FROM audit_chain'],
    ['set replication role to skip triggers', 'SET session_replication_role = replica'],
  ])('cannot %s', async (_what, sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner|must be superuser|append-only/);
  });

  it('still does all of its own work: sign-in, records, audit and the chain', async () => {
    const sup = bearer(await t.token('neSupervisor'));
    const op = await t.http().post('/api/v1/operations').set(sup).send({ name: 'NARROW', reference: 'OP/LP-1', startsOn: '2021-03-01' }).expect(201);
    await t.http().get(`/api/v1/operations/${op.body.id}`).set(sup).expect(200);
    await t.http().patch(`/api/v1/operations/${op.body.id}`).set(sup).send({ version: 1, status: 'active' }).expect(200);
    await t.http().delete(`/api/v1/operations/${op.body.id}`).set(sup).send({ reason: 'test of least privilege' }).expect(200);
    await t.http().post('/api/v1/auth/login').send({ username: 'ne.officer', password: 'wrong-password-x' }).expect(401);
    const verify = await t
      .http()
      .get('/api/v1/audit-events/verify')
      .set(bearer(await t.token('auditor')))
      .expect(200);
    expect(verify.body).toMatchObject({ valid: true });
    expect(verify.body.checked).toBeGreaterThan(5);
  });
});
