import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A short free-text field: a string, trimmed, with a small maximum (metadata, not documents). */
export function MetadataText(max: number, opts: { optional?: boolean; min?: number; example?: string; description?: string } = {}) {
  const doc = { maxLength: max, example: opts.example, description: opts.description };
  return applyDecorators(
    ...(opts.optional ? [IsOptional(), ApiPropertyOptional({ ...doc, type: String, nullable: true })] : [ApiProperty({ ...doc, type: String })]),
    Transform(trim),
    ...(opts.optional ? [ValidateIf((_o, v) => v !== null)] : []),
    IsString(),
    MinLength(opts.min ?? 1),
    MaxLength(max),
  );
}

/** A reference code such as an exhibit label (JS/1), an operation reference or a seal number. */
export function ReferenceCode(max = 40, opts: { optional?: boolean; example?: string; description?: string } = {}) {
  return applyDecorators(
    MetadataText(max, opts),
    Matches(/^[A-Za-z0-9][A-Za-z0-9 ./_:#-]*$/, { message: '$property may hold letters, digits, spaces and . / _ : # -' }),
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Years a Haven date may fall in, judged in UTC after the offset is applied: a date-time like
 * 9999-12-31T23:59-12:00 is in year 10000 and would come back in a form the API itself refuses.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

function WithinYears() {
  return ValidateBy({
    name: 'withinYears',
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'string') return true; // the format checks report this
        const year = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v).getUTCFullYear();
        return Number.isNaN(year) || (year >= FIRST_YEAR && year <= LAST_YEAR);
      },
      defaultMessage: () => `$property must fall between the years ${FIRST_YEAR} and ${LAST_YEAR}`,
    },
  });
}

/** A calendar date, YYYY-MM-DD. */
export function IsoDate(opts: { optional?: boolean } = {}) {
  return applyDecorators(
    ...(opts.optional
      ? [IsOptional(), ApiPropertyOptional({ type: String, format: 'date', nullable: true }), ValidateIf((_o, v) => v !== null)]
      : [ApiProperty({ type: String, format: 'date' })]),
    Matches(DATE, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
    WithinYears(),
  );
}

/** An instant with its UTC offset, e.g. 2021-03-01T06:00:00Z or 2021-06-01T06:00:00+01:00. */
export function IsoDateTime(opts: { optional?: boolean } = {}) {
  return applyDecorators(
    ...(opts.optional
      ? [IsOptional(), ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }), ValidateIf((_o, v) => v !== null)]
      : [ApiProperty({ type: String, format: 'date-time' })]),
    Matches(DATE_TIME, { message: '$property must be an ISO 8601 date-time with an offset (Z or +01:00)' }),
    IsISO8601({ strict: true }, { message: '$property must be a real date and time' }),
    WithinYears(),
  );
}
