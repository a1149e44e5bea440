import { BadRequestException } from '@nestjs/common';
import { ReferenceNotVisibleError } from '../errors/domain-errors';

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
export function unusableReference(field: string, message: string): ReferenceNotVisibleError {
  return new ReferenceNotVisibleError(field, message);
}
