import request from 'supertest';
import { createTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfFrom, setCookie } from './web-support';

// Its own file: Passport strategies are process-wide, so one app per test file.
describe('web session cookies behind TLS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUSTED_PROXIES: '127.0.0.1,::1,::ffff:127.0.0.1' } });
  });
  afterAll(() => t.close());

  it('marks the cookies Secure when the browser reached Haven over TLS through a trusted proxy', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in').set('x-forwarded-proto', 'https').expect(200);
    expect(setCookie(form, 'haven_csrf')).toMatch(/; Secure/);
    const res = await agent
      .post('/sign-in')
      .set('x-forwarded-proto', 'https')
      .set('cookie', setCookie(form, 'haven_csrf')!.split(';')[0])
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: 'ne.officer', password: TEST_PASSWORD })
      .expect(303);
    expect(setCookie(res, 'haven_session')).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('leaves them without Secure on plain http (a laptop on 127.0.0.1)', async () => {
    const form = await t.http().get('/sign-in').expect(200);
    expect(setCookie(form, 'haven_csrf')).not.toMatch(/Secure/);
  });
});
