import * as jwt from 'jsonwebtoken';
import { TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const opts = { algorithm: 'HS256' as const, issuer: 'haven', audience: 'haven-api' };
const sign = (claims: object, o: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign({ sub: 'u1', tv: 0, at: 1, ...claims }, secret, { ...opts, expiresIn: 60, ...o });

describe('TokenVerifier', () => {
  const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
  beforeEach(() => jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('returns the claims of a good token and remembers it', () => {
    const v = new TokenVerifier({ secret: SECRET, issuer: 'haven', audience: 'haven-api' });
    const token = sign({});
    expect(v.verify(token)).toMatchObject({ sub: 'u1', iss: 'haven', aud: 'haven-api' });
    expect(v.size).toBe(1);
    expect(v.verify(token)).toMatchObject({ sub: 'u1' });
    expect(v.size).toBe(1);
  });

  it('refuses a remembered token once it has expired', () => {
    const v = new TokenVerifier({ secret: SECRET, issuer: 'haven', audience: 'haven-api' });
    const token = sign({}, { expiresIn: 30 });
    expect(v.verify(token).sub).toBe('u1');
    jest.setSystemTime(T0 + 29_000);
    expect(v.verify(token).sub).toBe('u1');
    jest.setSystemTime(T0 + 30_000);
    expect(() => v.verify(token)).toThrow(jwt.TokenExpiredError);
    expect(v.size).toBe(0);
  });

  it.each([
    ['another key', () => sign({}, {}, 'another-secret-another-secret-another!')],
    ['another issuer', () => sign({}, { issuer: 'elsewhere' })],
    ['another audience', () => sign({}, { audience: 'other-api' })],
    ['HS512', () => sign({}, { algorithm: 'HS512' })],
    ['alg none', () => jwt.sign({ sub: 'u1' }, '', { algorithm: 'none', issuer: 'haven', audience: 'haven-api', expiresIn: 60 } as jwt.SignOptions)],
    [
      'an edited payload',
      () => {
        const [h, , s] = sign({}).split('.');
        return `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', iss: 'haven', aud: 'haven-api', exp: T0 / 1000 + 60 })).toString('base64url')}.${s}`;
      },
    ],
  ])('refuses a token with %s and remembers nothing of it', (_what, make) => {
    const v = new TokenVerifier({ secret: SECRET, issuer: 'haven', audience: 'haven-api' });
    const token = make();
    expect(() => v.verify(token)).toThrow(jwt.JsonWebTokenError);
    expect(() => v.verify(token)).toThrow(jwt.JsonWebTokenError);
    expect(v.size).toBe(0);
  });

  it('never remembers a token without an expiry', () => {
    const v = new TokenVerifier({ secret: SECRET, issuer: 'haven', audience: 'haven-api' });
    const token = jwt.sign({ sub: 'u1' }, SECRET, opts);
    expect(v.verify(token).sub).toBe('u1');
    expect(v.size).toBe(0);
  });

  it('forgets the oldest token beyond its limit', () => {
    const v = new TokenVerifier({ secret: SECRET, issuer: 'haven', audience: 'haven-api', remember: 2 });
    const tokens = ['a', 'b', 'c'].map((sub) => sign({ sub }));
    for (const t of tokens) v.verify(t);
    expect(v.size).toBe(2);
    for (const t of tokens) expect(v.verify(t).sub).toBeDefined();
    expect(v.size).toBe(2);
  });
});
