import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { CookieSecurityCheck, insecureCookieWarning } from './cookie-security';

describe('start-up warning for cookies without Secure (issue 13.8)', () => {
  it('warns in production with no trusted proxy, and only then', () => {
    expect(insecureCookieWarning({ NODE_ENV: 'production' })).toMatch(/WITHOUT Secure.*TRUSTED_PROXIES/);
    expect(insecureCookieWarning({ NODE_ENV: 'production', TRUSTED_PROXIES: ' , ' })).not.toBeNull();
    expect(insecureCookieWarning({ NODE_ENV: 'production', TRUSTED_PROXIES: '10.0.0.5' })).toBeNull();
    expect(insecureCookieWarning({ NODE_ENV: 'development' })).toBeNull();
    expect(insecureCookieWarning({ NODE_ENV: 'test' })).toBeNull();
  });

  it('logs one warning line at start-up', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      new CookieSecurityCheck({ NODE_ENV: 'production' } as AppConfig).onApplicationBootstrap();
      new CookieSecurityCheck({ NODE_ENV: 'production', TRUSTED_PROXIES: '10.0.0.5' } as AppConfig).onApplicationBootstrap();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain('TRUSTED_PROXIES');
    } finally {
      warn.mockRestore();
    }
  });
});
