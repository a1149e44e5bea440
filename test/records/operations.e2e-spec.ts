import { randomBytes } from 'node:crypto';
import { describeRecordType } from '../support/record-conformance';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const ref = () => `OP/${randomBytes(4).toString('hex').toUpperCase()}`;

describeRecordType(
  {
    path: 'operations',
    entityType: 'operation',
    writers: ['neSupervisor', 'swSupervisor', 'centralSupervisor'],
    validBody: async () => ({ name: 'LEGATUM', reference: ref(), startsOn: '2021-03-01', status: 'active', description: 'Coordinated week of action' }),
    updateField: { field: 'status', value: 'closed' },
    invalidBodies: async () => [
      { name: 'wrong type', body: { name: 42, reference: ref(), startsOn: '2021-03-01' }, field: 'name' },
      { name: 'bad date', body: { name: 'X', reference: ref(), startsOn: '2021-02-30' }, field: 'startsOn' },
      { name: 'date with time', body: { name: 'X', reference: ref(), startsOn: '2021-02-01T00:00:00Z' }, field: 'startsOn' },
      { name: 'unknown status', body: { name: 'X', reference: ref(), startsOn: '2021-03-01', status: 'done' }, field: 'status' },
      { name: 'too long', body: { name: 'X', reference: ref(), startsOn: '2021-03-01', description: 'x '.repeat(600) }, field: 'description' },
      { name: 'ends before it starts', body: { name: 'X', reference: ref(), startsOn: '2021-03-01', endsOn: '2021-02-01' }, field: 'endsOn' },
      { name: 'missing name', body: { reference: ref(), startsOn: '2021-03-01' }, field: 'name' },
    ],
    listFilter: (rec) => ({ status: rec.status, from: '2021-03-01', to: '2021-03-02' }),
  },
  'operations',
);

describe('operations: who may write', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets officers read operations but not create them', async () => {
    const sup = bearer(await t.token('neSupervisor'));
    const op = await t.http().post('/api/v1/operations').set(sup).send({ name: 'BRIDGE', reference: ref(), startsOn: '2021-03-01' }).expect(201);
    const officer = bearer(await t.token('neOfficer'));
    await t.http().get(`/api/v1/operations/${op.body.id}`).set(officer).expect(200);
    await t.http().post('/api/v1/operations').set(officer).send({ name: 'BRIDGE', reference: ref(), startsOn: '2021-03-01' }).expect(403);
  });

  it("defaults the unit to the creator's and refuses creating in another borough", async () => {
    const sup = bearer(await t.token('neSupervisor'));
    const own = await t.http().post('/api/v1/operations').set(sup).send({ name: 'HOME', reference: ref(), startsOn: '2021-03-01' }).expect(201);
    expect(own.body.unitId).toBe(t.units['BCU-NE']);
    await t.http().post('/api/v1/operations').set(sup).send({ name: 'AWAY', reference: ref(), startsOn: '2021-03-01', unitId: t.units['BCU-SW'] }).expect(403);
    const central = bearer(await t.token('centralSupervisor'));
    await t
      .http()
      .post('/api/v1/operations')
      .set(central)
      .send({ name: 'AWAY', reference: ref(), startsOn: '2021-03-01', unitId: t.units['BCU-SW'] })
      .expect(201);
  });

  it('refuses a second live operation with the same reference (409)', async () => {
    const sup = bearer(await t.token('neSupervisor'));
    const r = ref();
    await t.http().post('/api/v1/operations').set(sup).send({ name: 'ONE', reference: r, startsOn: '2021-03-01' }).expect(201);
    await t.http().post('/api/v1/operations').set(sup).send({ name: 'TWO', reference: r, startsOn: '2021-03-01' }).expect(409);
  });
});
