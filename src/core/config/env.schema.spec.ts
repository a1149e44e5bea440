import { validateEnvironment } from './env.schema';

describe('environment validation', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './.haven', JWT_TTL_SECONDS: 900 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ JWT_SECRET: 'tooshort' }, /JWT_SECRET must be at least 32 characters/],
    [{ HAVEN_ADMIN_USERNAME: 'Admin!', HAVEN_ADMIN_PASSWORD: 'x'.repeat(20) }, /HAVEN_ADMIN_USERNAME/],
    [{ HAVEN_ADMIN_PASSWORD: 'x'.repeat(20) }, /must be set together/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %j, naming the variable', (raw, message) => {
    expect(() => validateEnvironment(raw)).toThrow(message);
  });
});
