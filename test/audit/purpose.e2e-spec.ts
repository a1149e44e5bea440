import { bearer, createTestApp, TestApp, TEST_PASSWORD } from '../support/test-app';

describe('purpose of access on every read (UK DPA 2018 s.62)', () => {
  let t: TestApp;
  let opId: string;
  let warrantId: string;
  let looseWarrantId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const sup = bearer(await t.token('neSupervisor'));
    opId = (await t.http().post('/api/v1/operations').set(sup).send({ name: 'COMPASS', reference: 'OP/PURPOSE', startsOn: '2021-03-01' }).expect(201)).body.id;
    const w = { reference: 'W/P/1', type: 'PCA 1978 s.4', status: 'granted' };
    warrantId = (
      await t
        .http()
        .post('/api/v1/warrants')
        .set(sup)
        .send({ ...w, operationId: opId })
        .expect(201)
    ).body.id;
    looseWarrantId = (
      await t
        .http()
        .post('/api/v1/warrants')
        .set(sup)
        .send({ ...w, reference: 'W/P/2' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const lastView = async (entityId: string) => {
    const events = await t.auditEvents({ action: 'view', entity_id: entityId });
    return events[events.length - 1];
  };

  it("defaults a plain read to the record's operation", async () => {
    const officer = bearer(await t.token('neOfficer'));
    await t.http().get(`/api/v1/warrants/${warrantId}`).set(officer).expect(200);
    expect((await lastView(warrantId)).purpose).toBe(`operation ${opId}`);
    await t.http().get(`/api/v1/operations/${opId}`).set(officer).expect(200);
    expect((await lastView(opId)).purpose).toBe(`operation ${opId}`);
    await t.http().get(`/api/v1/warrants/${looseWarrantId}`).set(officer).expect(200);
    expect((await lastView(looseWarrantId)).purpose).toBeNull();
  });

  it('keeps a purpose sent with the request', async () => {
    await t
      .http()
      .get(`/api/v1/warrants/${warrantId}`)
      .set(bearer(await t.token('neOfficer')))
      .set('X-Purpose', 'Preparing the file for CPS')
      .expect(200);
    expect((await lastView(warrantId)).purpose).toBe('Preparing the file for CPS');
  });

  it('uses a purpose chosen for the session at sign-in, unless a request states its own', async () => {
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'ne.officer', password: TEST_PASSWORD, purpose: 'Weekly review of warrants' })
      .expect(200);
    const session = bearer(login.body.accessToken);
    await t.http().get(`/api/v1/warrants/${looseWarrantId}`).set(session).expect(200);
    expect((await lastView(looseWarrantId)).purpose).toBe('Weekly review of warrants');
    await t.http().get(`/api/v1/warrants?limit=5`).set(session).expect(200);
    const lists = await t.auditEvents({ action: 'list', entity_type: 'warrant', actor_id: t.users.neOfficer });
    expect(lists[lists.length - 1].purpose).toBe('Weekly review of warrants');
    await t.http().get(`/api/v1/warrants/${looseWarrantId}`).set(session).set('X-Purpose', 'Court order 123').expect(200);
    expect((await lastView(looseWarrantId)).purpose).toBe('Court order 123');
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'ne.officer', password: TEST_PASSWORD, purpose: 'why '.repeat(51) })
      .expect(400);
  });
});
