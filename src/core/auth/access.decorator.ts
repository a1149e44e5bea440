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

export const ENROLMENT_KEY = 'haven:enrolment';

/** Reachable with an enrolment-only token (a user who must set up a second factor first). */
export function AllowDuringEnrolment() {
  return SetMetadata(ENROLMENT_KEY, true);
}
