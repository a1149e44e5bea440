import { createTestApp, TestApp } from '../support/test-app';

describe('the HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database check', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document generated from the code, and its UI', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/operations/{id}', '/api/v1/users']));
    expect(json.body.components.securitySchemes.bearer).toBeDefined();
    const ui = await t.http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('puts a request id on every response, keeping one the client sent only if it is a UUID', async () => {
    const a = await t.http().get('/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const mine = '0b5e7c2a-4d1f-4e8a-9c3b-2a1f0e9d8c7b';
    const b = await t.http().get('/api/v1/auth/me').set('x-request-id', mine);
    expect(b.headers['x-request-id']).toBe(mine);
    expect(b.body.requestId).toBe(mine);
    for (const given of ['bad id with spaces', 'client-trace-0001']) {
      const c = await t.http().get('/health').set('x-request-id', given);
      expect(c.headers['x-request-id']).not.toBe(given);
      expect(c.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers unknown routes with a JSON 404 and malformed JSON with 400', async () => {
    const nf = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(nf.body.requestId).toBeTruthy();
    const bad = await t.http().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username":');
    expect(bad.status).toBe(400);
  });
});
