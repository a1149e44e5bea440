import request from 'supertest';
import { base32Decode, hotp, TOTP_STEP_SECONDS } from '../../src/core/auth/totp';
import { createTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfFrom, errorSummary } from './web-support';

const codeFor = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), BigInt(Math.floor(Date.now() / 1000 / TOTP_STEP_SECONDS) + offsetSteps));

describe('web front office: a role that must use a second factor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REQUIRE_TOTP_FOR: 'officer' } });
  });
  afterAll(() => t.close());

  it('is sent to set one up after signing in, can see nothing else, then signs in with a code', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const form = await agent.get('/sign-in');
    const login = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), username: 'ne.officer', password: TEST_PASSWORD })
      .expect(303);
    expect(login.headers.location).toBe('/account/second-factor');
    expect((await agent.get('/warrants').expect(303)).headers.location).toBe('/account/second-factor');

    const intro = await agent.get('/account/second-factor').expect(200);
    expect(intro.text).toContain('Your role must use a second factor');
    const setup = await agent
      .post('/account/second-factor/setup')
      .type('form')
      .send({ _csrf: csrfFrom(intro.text) })
      .expect(200);
    const secret = /<p class="govuk-body-l haven-mono">([A-Z2-7 ]+)<\/p>/.exec(setup.text)![1].replace(/ /g, '');
    const wrong = await agent
      .post('/account/second-factor')
      .type('form')
      .send({ _csrf: csrfFrom(setup.text), code: '000000', secret });
    expect(wrong.status).toBe(400);
    expect(errorSummary(wrong.text)).toContain('That code is not right');
    const on = await agent
      .post('/account/second-factor')
      .type('form')
      .send({ _csrf: csrfFrom(setup.text), code: codeFor(secret) })
      .expect(303);
    expect(on.headers.location).toBe('/sign-in');

    const again = await agent.get('/sign-in').expect(200);
    expect(again.text).toContain('Your authenticator app is set up');
    const noCode = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(again.text), username: 'ne.officer', password: TEST_PASSWORD })
      .expect(401);
    expect(errorSummary(noCode.text)).toContain('security code');
    // The page for a right password without its code is the page for a wrong password (issue 13.8).
    const wrongPassword = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(noCode.text), username: 'ne.officer', password: 'not-the-password-7' })
      .expect(401);
    expect(errorSummary(wrongPassword.text)).toBe(errorSummary(noCode.text));
    const withCode = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfFrom(wrongPassword.text), username: 'ne.officer', password: TEST_PASSWORD, totp: codeFor(secret, 1) })
      .expect(303);
    expect(withCode.headers.location).toBe('/');
    await agent.get('/warrants').expect(200);
  });
});
