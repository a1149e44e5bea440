import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';

/**
 * Why this server would set its session and CSRF cookies without Secure in production, or null.
 * Haven itself speaks plain HTTP; cookieOptions() marks cookies Secure only when the request
 * came over TLS, which it can only know from X-Forwarded-Proto sent by a proxy listed in
 * TRUSTED_PROXIES. With none listed, every cookie goes out without Secure, even when a TLS proxy
 * stands in front, and a browser would then send the session over plain HTTP too.
 */
export function insecureCookieWarning(config: Pick<AppConfig, 'NODE_ENV' | 'TRUSTED_PROXIES'>): string | null {
  if (config.NODE_ENV !== 'production') return null;
  if ((config.TRUSTED_PROXIES ?? '').split(',').some((p) => p.trim() !== '')) return null;
  return (
    'session cookies will be set WITHOUT Secure: NODE_ENV=production, but TRUSTED_PROXIES is unset, so Haven cannot tell ' +
    'that a browser reached it over TLS. Serve Haven only through a TLS proxy and list that proxy in TRUSTED_PROXIES (see README, "Cookies and TLS")'
  );
}

/** Says so once, at start-up, when the configuration would send cookies without Secure. */
@Injectable()
export class CookieSecurityCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('CookieSecurity');

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const warning = insecureCookieWarning(this.config);
    if (warning) this.logger.warn(warning);
  }
}
