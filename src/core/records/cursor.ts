import { fieldError } from '../http/field-errors';
import { embeddedContentProblem } from '../http/embedded-content';
import type { ColumnMap } from './record-table';

export interface CursorPosition {
  /** The sort column's value of the last row returned, as text. */
  v: string;
  id: string;
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify(pos)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// As PostgreSQL prints them (DateStyle ISO), which is what nextCursor carries.
// A date column reads as timestamptz in RecordTable (its type is a Date there), so the time is optional.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^-?\d{1,19}$/;
/** A text sort column without a declared length (none today): as long as a reference may be. */
const DEFAULT_TEXT_LENGTH = 200;

/** Why a cursor's sort value cannot be a value of its column, or null when it can. */
function valueProblem(v: string, column: Pick<ColumnMap, 'type' | 'length'>): string | null {
  switch (column.type) {
    case 'timestamptz':
    case 'timestamp':
      return TIMESTAMP.test(v) ? null : 'not a date and time';
    case 'date':
      return DATE.test(v) ? null : 'not a date';
    case 'integer':
    case 'bigint':
    case 'smallint':
      return INTEGER.test(v) ? null : 'not a whole number';
    case 'uuid':
      return UUID.test(v) ? null : 'not an id';
    default: {
      const max = column.length ?? DEFAULT_TEXT_LENGTH;
      if (v.length > max) return `longer than the sort column (${max} characters)`;
      return embeddedContentProblem(v);
    }
  }
}

/**
 * A list cursor as the position it stands for, checked against the sort column it pages over: a
 * value of that column's type and length and a record id, nothing else. The position (never the
 * raw token) is what the list's audit event records, so a cursor cannot carry anything into the
 * append-only log that the column itself could not hold.
 */
export function decodeCursor(cursor: string, column: Pick<ColumnMap, 'type' | 'length'>): CursorPosition {
  let pos: Partial<CursorPosition> & Record<string, unknown>;
  try {
    pos = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    pos = {};
  }
  const valid =
    !!pos &&
    typeof pos === 'object' &&
    Object.keys(pos).length === 2 &&
    typeof pos.id === 'string' &&
    UUID.test(pos.id) &&
    typeof pos.v === 'string' &&
    valueProblem(pos.v, column) === null;
  if (!valid) throw fieldError('cursor', 'cursor is not valid: use the nextCursor of the previous page, with the same sort and filters');
  return { v: pos.v as string, id: (pos.id as string).toLowerCase() };
}
