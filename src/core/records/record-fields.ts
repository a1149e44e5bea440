/**
 * What a record type's web pages show, as plain data: the record type's description (in its
 * module) says it once, and the web layer renders it. Kept in core so a description never
 * imports the web layer.
 */

export type FieldKind = 'text' | 'password' | 'textarea' | 'number' | 'select' | 'radios' | 'date' | 'datetime';

export interface Option {
  value: string;
  text: string;
}

/** One form field, mapped onto one DTO property. */
export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  /** Must be filled in; an empty one gets "Enter …" (or emptyMessage). */
  required?: boolean;
  emptyMessage?: string;
  /** The empty choice of an optional select ('None' by default; 'Any' on filters). */
  emptyText?: string;
  /** Fixed choices (select, radios). Choices read at request time come from the page instead. */
  options?: readonly Option[];
  /** Fixed values, offered in words (the web layer turns them into options). */
  values?: readonly string[];
  /** Emptying the field on an edit stores null (otherwise an empty field leaves the value alone). */
  nullable?: boolean;
  /** Shown on the create form only (e.g. the unit is fixed once a record exists). */
  createOnly?: boolean;
  maxLength?: number;
  /** govuk-input--width-N or govuk-!-width-… */
  classes?: string;
  autocomplete?: string;
  spellcheck?: boolean;
}

/** How a list column shows its value: as stored, a London date or date-time, an enum's words, a count. */
export type ColumnFormat = 'text' | 'date' | 'datetime' | 'enum' | 'number';

/** One column of a record list (and of the related-records tables on other records' pages). */
export interface ColumnDef {
  header: string;
  /** The record property shown. */
  key: string;
  format?: ColumnFormat;
  /** The column that links to the record's page. */
  link?: boolean;
  /** Right-aligned (counts). */
  numeric?: boolean;
  /** Shown when the value is empty (e.g. 'Pending' for an outcome not yet known). */
  empty?: string;
}

/** The formatters a title is written with; the web layer supplies them. */
export interface ValueFormat {
  date(value: unknown): string;
  dateTime(value: unknown): string;
  words(value: unknown): string;
}

export type RecordRow = Record<string, unknown>;
