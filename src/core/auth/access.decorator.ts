import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Permission } from './permissions';

export const PERMISSION_KEY = 'haven:permission';
export const PUBLIC_KEY = 'haven:public';

/** The permission a route needs; the global guard refuses everyone else (and audits the refusal). */
export function Allow(permission: Permission) {
  return applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token' }),
    ApiForbiddenResponse({ description: `Needs permission ${permission}` }),
  );
}

/** A route anyone may call without signing in (login, health, docs). Use sparingly. */
export function Public() {
  return SetMetadata(PUBLIC_KEY, true);
}
