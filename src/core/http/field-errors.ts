import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';

export interface FieldError {
  field: string;
  messages: string[];
}

/** The one shape of a validation failure: 400 with a list of fields and what is wrong with each. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ message: 'Validation failed', errors });
}

export function fieldError(field: string, message: string): BadRequestException {
  return validationFailed([{ field, messages: [message] }]);
}

/** A well-formed request that names something the user cannot use (a missing or hidden reference). */
export function unusableReference(field: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ message: 'Validation failed', errors: [{ field, messages: [message] }] });
}
