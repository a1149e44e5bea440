import { HttpException, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DuplicateError } from '../../core/errors/domain-errors';
import { isRealDate, londonParts, londonToIso } from './london-time';

import type { FieldDef } from '../../core/records/record-fields';

export type { FieldDef, FieldKind, Option } from '../../core/records/record-fields';

export interface FieldError {
  field: string;
  /** The id of the input the error summary links to. */
  href: string;
  text: string;
}

/** Raw form values by input name, exactly as typed: a failed submit shows them again. */
export type FormValues = Record<string, string>;

export type FormMode = 'create' | 'update';

export const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[v.length - 1] ?? '') : v === undefined || v === null ? '' : String(v);

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The id of a field's first input, for error-summary links and labels. */
export function inputId(f: FieldDef): string {
  return f.kind === 'date' || f.kind === 'datetime' ? `${f.name}-day` : f.kind === 'radios' ? f.name : f.name;
}

function inputNames(f: FieldDef): string[] {
  if (f.kind === 'date') return ['day', 'month', 'year'].map((p) => `${f.name}-${p}`);
  if (f.kind === 'datetime') return ['day', 'month', 'year', 'time'].map((p) => `${f.name}-${p}`);
  return [f.name];
}

/** Form values of the given fields, picked out of a posted body (other keys are ignored). */
export function pickValues(fields: FieldDef[], body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of fields) for (const n of inputNames(f)) out[n] = str(body[n]).slice(0, 2000);
  return out;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A stored record's values as the form shows them (London wall-clock for instants). */
export function valuesFromRecord(fields: FieldDef[], record: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = record[f.name];
    if (f.kind === 'datetime' || f.kind === 'date') {
      if (v === null || v === undefined || v === '') continue;
      if (f.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const [y, m, d] = v.split('-');
        Object.assign(out, { [`${f.name}-day`]: String(Number(d)), [`${f.name}-month`]: String(Number(m)), [`${f.name}-year`]: y });
        continue;
      }
      const p = londonParts(v instanceof Date ? v : new Date(String(v)));
      Object.assign(out, { [`${f.name}-day`]: String(p.day), [`${f.name}-month`]: String(p.month), [`${f.name}-year`]: String(p.year) });
      if (f.kind === 'datetime') out[`${f.name}-time`] = `${two(p.hour)}:${two(p.minute)}`;
    } else {
      out[f.name] = v === null || v === undefined ? '' : String(v);
    }
  }
  return out;
}

interface Parsed {
  value?: unknown;
  error?: { href: string; text: string };
}

const TIME = /^(\d{1,2})[:.](\d{2})$/;

function parseDateParts(f: FieldDef, values: FormValues): Parsed & { ymd?: [number, number, number]; empty?: boolean } {
  const day = values[`${f.name}-day`]?.trim() ?? '';
  const month = values[`${f.name}-month`]?.trim() ?? '';
  const year = values[`${f.name}-year`]?.trim() ?? '';
  const label = f.label;
  if (!day && !month && !year) return { empty: true };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean) as string[];
  if (missing.length) return { error: { href: `${f.name}-${missing[0]}`, text: `${label} must include a ${missing.join(' and ')}` } };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: { href: `${f.name}-day`, text: `${label} must be a real date, like 27 3 2021` } };
  }
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (!isRealDate(y, m, d)) return { error: { href: `${f.name}-day`, text: `${label} must be a real date` } };
  return { ymd: [y, m, d] };
}

function parseField(f: FieldDef, values: FormValues, mode: FormMode): Parsed {
  const absent = (): Parsed => (mode === 'update' && f.nullable ? { value: null } : {});
  if (f.kind === 'date' || f.kind === 'datetime') {
    const time = f.kind === 'datetime' ? (values[`${f.name}-time`]?.trim() ?? '') : '';
    const date = parseDateParts(f, values);
    if (date.empty && !time) return f.required ? { error: { href: `${f.name}-day`, text: f.emptyMessage ?? `Enter ${lowerFirst(f.label)}` } } : absent();
    if (date.empty) return { error: { href: `${f.name}-day`, text: `${f.label} must include a date` } };
    if (date.error) return { error: date.error };
    const [y, m, d] = date.ymd!;
    if (f.kind === 'date') return { value: `${y}-${two(m)}-${two(d)}` };
    const t = TIME.exec(time);
    if (!time) return { error: { href: `${f.name}-time`, text: `${f.label} must include a time, like 06:30` } };
    if (!t || Number(t[1]) > 23 || Number(t[2]) > 59)
      return { error: { href: `${f.name}-time`, text: `${f.label} must have a real time in 24-hour format, like 06:30 or 17:45` } };
    return { value: londonToIso(y, m, d, Number(t[1]), Number(t[2])) };
  }
  const raw = values[f.name] ?? '';
  const trimmed = raw.trim();
  if (trimmed === '') {
    if (f.required)
      return {
        error: {
          href: inputId(f),
          text: f.emptyMessage ?? (f.kind === 'select' || f.kind === 'radios' ? `Select ${lowerFirst(f.label)}` : `Enter ${lowerFirst(f.label)}`),
        },
      };
    return absent();
  }
  if (f.kind === 'number') {
    // A whole number goes to the DTO as a number; anything else goes as typed, for the DTO to refuse.
    return /^-?\d{1,9}$/.test(trimmed) ? { value: Number(trimmed) } : { error: { href: inputId(f), text: `${f.label} must be a whole number, like 2` } };
  }
  return { value: raw };
}

export interface ReadForm {
  input: Record<string, unknown>;
  errors: FieldError[];
}

/** Turns posted strings into DTO input: numbers, London times, and empty meaning "not given". */
export function readForm(fields: FieldDef[], values: FormValues, mode: FormMode): ReadForm {
  const input: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const f of fields) {
    if (mode === 'update' && f.createOnly) continue;
    const p = parseField(f, values, mode);
    if (p.error) errors.push({ field: f.name, ...p.error });
    else if (p.value !== undefined) input[f.name] = p.value;
  }
  return { input, errors };
}

function flatten(errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** A DTO or service message in the form's words: the property name becomes the field's label. */
export function friendlyMessage(f: FieldDef | undefined, field: string, message: string): string {
  if (!f) return upperFirst(message);
  const text = message.startsWith(field) ? `${f.label}${message.slice(field.length)}` : message;
  return upperFirst(text.replace(new RegExp(`\\b${field}\\b`, 'g'), lowerFirst(f.label)));
}

/** Errors against fields, in the form's order, one message per field (the first). */
export function toFieldErrors(fields: FieldDef[], raw: { field: string; messages: string[] }[]): FieldError[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of raw) {
    const name = e.field.split('.')[0];
    if (seen.has(name)) continue;
    seen.add(name);
    const f = byName.get(name);
    out.push({ field: name, href: f ? inputId(f) : 'main-content', text: friendlyMessage(f, name, e.messages[0] ?? 'is not valid') });
  }
  const order = (x: FieldError) => {
    const i = fields.findIndex((f) => f.name === x.field);
    return i < 0 ? fields.length : i;
  };
  return out.sort((a, b) => order(a) - order(b));
}

/** Validates input against the API's own DTO class, exactly as the API's pipe does. */
export async function validateDto<T extends object>(
  cls: Type<T>,
  input: Record<string, unknown>,
): Promise<{ dto: T; errors: { field: string; messages: string[] }[] }> {
  const dto = plainToInstance(cls, input);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, errors: flatten(errors) };
}

/**
 * Reads a form, validates it against the DTO and returns either the DTO or every error found
 * (the form's own parse errors and the DTO's, without repeating a field).
 */
export async function formToDto<T extends object>(
  cls: Type<T>,
  fields: FieldDef[],
  values: FormValues,
  mode: FormMode,
  extra: Record<string, unknown> = {},
): Promise<{ dto: T | null; errors: FieldError[] }> {
  const read = readForm(fields, values, mode);
  const { dto, errors } = await validateDto(cls, { ...read.input, ...extra });
  const parsedFields = new Set(read.errors.map((e) => e.field));
  const dtoErrors = toFieldErrors(
    fields,
    errors.filter((e) => !parsedFields.has(e.field.split('.')[0])),
  );
  const all = [...read.errors, ...dtoErrors];
  const order = (x: FieldError) => {
    const i = fields.findIndex((f) => f.name === x.field);
    return i < 0 ? fields.length : i;
  };
  all.sort((a, b) => order(a) - order(b));
  return { dto: all.length ? null : dto, errors: all };
}

/**
 * A service's refusal as form errors, when it is about fields (400 with errors, 422 reference),
 * or null when it is something else the caller must handle (404, 409, 403 …).
 */
export function serviceFieldErrors(fields: FieldDef[], e: unknown): FieldError[] | null {
  if (!(e instanceof HttpException)) return null;
  const status = e.getStatus();
  if (status !== 400 && status !== 422) return null;
  const body = e.getResponse() as { errors?: { field: string; messages: string[] }[]; message?: string | string[] };
  if (Array.isArray(body?.errors) && body.errors.length) return toFieldErrors(fields, body.errors);
  const message = Array.isArray(body?.message) ? body.message[0] : body?.message;
  return [{ field: '', href: 'main-content', text: upperFirst(String(message ?? 'The information you entered is not valid')) }];
}

/** Another record already has a value that must be unique (the store's DuplicateError). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof DuplicateError;
}

/** The message of an HttpException, for a banner. */
export function exceptionMessage(e: HttpException): string {
  const body = e.getResponse() as { message?: string | string[] } | string;
  const m = typeof body === 'string' ? body : Array.isArray(body?.message) ? body.message[0] : body?.message;
  return upperFirst(String(m ?? e.message));
}

/** Field errors keyed by field name, for the inputs' own messages. */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) if (e.field && !(e.field in out)) out[e.field] = e.text;
  return out;
}
