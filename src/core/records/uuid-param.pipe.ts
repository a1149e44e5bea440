import { Injectable, PipeTransform } from '@nestjs/common';
import { fieldError } from '../http/field-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id from the path: a UUID, or 400 with a field error. Cheaper than a DTO on every read. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}

  transform(value: string): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw fieldError(this.field, `${this.field} must be a UUID`);
    return value;
  }
}
