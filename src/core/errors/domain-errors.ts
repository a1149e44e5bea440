import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/**
 * Why a request was refused, as types rather than message text: a surface (the API's global
 * filter, the web's pages and forms) decides what to show by the type, never by matching the
 * wording or a Postgres code. Each is an HttpException carrying the status and body the API
 * answers with, so the API's filter maps them as it maps any HttpException and the JSON a
 * client sees does not depend on which layer refused.
 */

/** Someone else's write got there first: reload and try again (409). */
export abstract class ConcurrentChangeError extends ConflictException {}

/** The version a write names is no longer the record's (409, with the current version). */
export class StaleVersionError extends ConcurrentChangeError {
  constructor(
    entityType: string,
    readonly currentVersion: unknown,
  ) {
    super({ message: `${entityType} was changed by someone else: reload it and try again`, currentVersion });
  }
}

/** A record the create names was voided or moved out of scope between the check and the insert (409). */
export class ReferenceChangedError extends ConcurrentChangeError {
  constructor() {
    super('A record this one names changed meanwhile: try again');
  }
}

/** A write to a record that is void (409). */
export class VoidedRecordError extends ConflictException {}

/**
 * Another live record already has a value that must be unique (409 "That already exists"). It
 * keeps the SQLSTATE of the unique violation it stands for as `code`, as the driver's error had
 * it, for logs and for callers of the store that read it.
 */
export class DuplicateError extends ConflictException {
  readonly code = '23505';

  constructor(readonly violation?: unknown) {
    super('That already exists');
  }
}

/** The record does not exist, or lies outside the actor's units: the same answer for both (404). */
export class NotFoundInScopeError extends NotFoundException {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** A field names a record that is not live or not visible to the actor (422, as a field error). */
export class ReferenceNotVisibleError extends UnprocessableEntityException {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super({ message: 'Validation failed', errors: [{ field, messages: [message] }] });
  }
}

/** A Postgres unique violation, as the domain error it means; anything else as it was. */
export function asDomainError(e: unknown): unknown {
  return (e as { code?: unknown })?.code === '23505' ? new DuplicateError(e) : e;
}
