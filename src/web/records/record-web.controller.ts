import { Body, Get, HttpException, HttpStatus, Injectable, NotFoundException, Param, PipeTransform, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isUUID } from 'class-validator';
import { Allow } from '../../core/auth/access.decorator';
import type { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { ConcurrentChangeError } from '../../core/errors/domain-errors';
import { VoidRecordDto } from '../../core/records/dto/record-write.dto';
import { toListQuery } from '../../core/records/record.controller';
import type { RecordListQueryDto } from '../../core/records/dto/record-list-query.dto';
import type { RecordService } from '../../core/records/record.service';
import type { UnitRecordEntity } from '../../core/records/unit-record.entity';
import {
  errorsByField,
  exceptionMessage,
  FieldDef,
  FieldError,
  formToDto,
  FormValues,
  isUniqueViolation,
  Option,
  pickValues,
  serviceFieldErrors,
  str,
  toFieldErrors,
  validateDto,
  valuesFromRecord,
} from '../forms/form-fields';
import type { WebPages } from '../render/web-pages.service';
import type { RecordChoices } from './record-choices.service';
import { displayValue, RecordPageDef, Row } from './record-page';

/** A record id in a page's path: anything but a UUID is simply a page that does not exist. */
@Injectable()
export class RecordIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value, 'all')) throw new NotFoundException();
    return value.toLowerCase();
  }
}

/** A table of related records on a record's page, with a link to add another. */
export interface RelatedSection {
  title: string;
  headers: string[];
  rows: { href: string; cells: string[] }[];
  empty: string;
  add?: { text: string; href: string; permission: Permission };
}

export const query = (params: Record<string, unknown>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v instanceof Date ? v.toISOString() : String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

const referenceNames = (fields: FieldDef[]) => fields.filter((f) => f.name === 'operationId' || f.name === 'warrantId').map((f) => f.name);

/**
 * The pages every case record has — list with filters, view, create, edit, void — calling the
 * record's own service with the request's context, so unit scope, the service's rules and the
 * audit trail are exactly the API's. Forms are validated against the API's DTO classes.
 */
export function RecordWebController(def: RecordPageDef) {
  abstract class RecordWebControllerBase {
    protected abstract readonly service: RecordService<UnitRecordEntity>;
    protected abstract readonly pages: WebPages;
    protected abstract readonly choices: RecordChoices;

    /** Related records shown on the record's page (a warrant's arrests, an exhibit's custody …). */
    protected async related(_ctx: RequestContext, _record: Row): Promise<RelatedSection[]> {
      return [];
    }

    @Get()
    @Allow(def.read)
    async list(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
      const values = pickValues(def.filters, q);
      const filterInput = Object.fromEntries(
        Object.entries(values)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, v.trim()]),
      );
      const cursor = str(q.cursor);
      const includeVoided = q.includeVoided === 'true';
      const { dto, errors } = await validateDto(def.listQuery, {
        ...filterInput,
        ...(cursor ? { cursor } : {}),
        ...(includeVoided ? { includeVoided: 'true' } : {}),
        limit: 50,
      });
      const fieldErrors = toFieldErrors(def.filters, errors);
      let items: Row[] = [];
      let nextCursor: string | null = null;
      let listErrors: FieldError[] = fieldErrors;
      if (!fieldErrors.length) {
        try {
          const page = await this.service.list(ctx, toListQuery(dto as RecordListQueryDto));
          items = page.items as unknown as Row[];
          nextCursor = page.nextCursor;
        } catch (e) {
          const mapped = serviceFieldErrors(def.filters, e);
          if (!mapped) throw e;
          listErrors = mapped;
        }
      }
      const choices = await this.choices.forFields(ctx, referenceNames(def.filters));
      return this.pages.render(
        reply,
        'records/list',
        {
          def,
          title: def.plural,
          addText: `Add ${article(def.singular)} ${def.singular}`,
          filters: def.filters.map((f) => ({ ...f, emptyText: 'Any' })),
          values,
          choices,
          errors: listErrors,
          fieldErrors: errorsByField(listErrors),
          includeVoided,
          rows: items.map((r) => ({
            href: `/${def.path}/${r.id}`,
            voided: !!r.voidedAt,
            cells: def.columns.map((c) => ({ text: c.value(r), link: c.link, numeric: c.numeric })),
          })),
          headers: def.columns.map((c) => ({ text: c.header, numeric: c.numeric })),
          nextHref: nextCursor ? `/${def.path}${query({ ...filterInput, ...(includeVoided ? { includeVoided: 'true' } : {}), cursor: nextCursor })}` : null,
          firstHref: cursor ? `/${def.path}${query({ ...filterInput, ...(includeVoided ? { includeVoided: 'true' } : {}) })}` : null,
          filtered: Object.keys(filterInput).length > 0,
        },
        listErrors.length ? 400 : 200,
      );
    }

    @Get('new')
    @Allow(def.write)
    async newForm(@Ctx() ctx: RequestContext, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply) {
      const prefill: Row = {};
      for (const k of def.prefill ?? []) if (typeof q[k] === 'string' && q[k]) prefill[k] = q[k];
      const values = valuesFromRecord(def.fields, prefill);
      return this.showForm(ctx, reply, { mode: 'create', values, errors: [], from: str(q.from) });
    }

    @Post()
    @Allow(def.write)
    async create(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
      const values = pickValues(def.fields, body);
      const another = body.next === 'another';
      const { dto, errors } = await formToDto(def.createDto, def.fields, values, 'create');
      if (!dto) return this.showForm(ctx, reply, { mode: 'create', values, errors }, 400);
      try {
        const saved = (await this.service.create(ctx, dto)) as unknown as Row;
        const notice = `${capital(def.singular)} saved: ${def.title(saved)}`;
        if (another) {
          // Keep what the next entry of a week of action shares: its operation, warrant and time.
          const keep = Object.fromEntries((def.prefill ?? []).map((k) => [k, saved[k]]));
          return this.pages.redirect(reply, `/${def.path}/new${query(keep)}`, notice);
        }
        return this.pages.redirect(reply, `/${def.path}/${saved.id}`, notice);
      } catch (e) {
        return this.refused(ctx, reply, e, { mode: 'create', values });
      }
    }

    @Get(':id')
    @Allow(def.read)
    async show(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
      const record = (await this.service.get(ctx, id)) as unknown as Row;
      const related = await this.related(ctx, record);
      return this.pages.render(reply, 'records/show', {
        def,
        title: def.title(record),
        record,
        rows: def.fields.map((f) => ({ key: f.label, field: f.name, value: displayValue(f, record[f.name]) })),
        related,
      });
    }

    @Get(':id/edit')
    @Allow(def.write)
    async editForm(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
      const record = (await this.service.get(ctx, id)) as unknown as Row;
      if (record.voidedAt) return this.pages.redirect(reply, `/${def.path}/${id}`, `This ${def.singular} is void and cannot be changed`);
      return this.showForm(ctx, reply, {
        mode: 'update',
        id,
        version: Number(record.version),
        values: valuesFromRecord(def.fields, record),
        errors: [],
        title: def.title(record),
      });
    }

    @Post(':id')
    @Allow(def.write)
    async update(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
      const values = pickValues(def.fields, body);
      const version = /^\d{1,9}$/.test(str(body.version)) ? Number(str(body.version)) : undefined;
      const { dto, errors } = await formToDto(def.updateDto, def.fields, values, 'update', { version });
      const form = { mode: 'update' as const, id, version, values };
      if (!dto) return this.showForm(ctx, reply, { ...form, errors }, 400);
      try {
        const saved = (await this.service.update(ctx, id, dto)) as unknown as Row;
        return this.pages.redirect(reply, `/${def.path}/${id}`, `${capital(def.singular)} updated: ${def.title(saved)}`);
      } catch (e) {
        return this.refused(ctx, reply, e, form);
      }
    }

    @Get(':id/void')
    @Allow(def.write)
    async voidForm(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
      const record = (await this.service.get(ctx, id)) as unknown as Row;
      if (record.voidedAt) return this.pages.redirect(reply, `/${def.path}/${id}`, `This ${def.singular} is already void`);
      return this.pages.render(reply, 'records/void', { def, title: `Void ${def.title(record)}`, id, version: record.version, values: {}, fieldErrors: {} });
    }

    @Post(':id/void')
    @Allow(def.write)
    async void(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
      const reasonField: FieldDef = { name: 'reason', label: 'Reason', kind: 'textarea', required: true, emptyMessage: 'Enter why the record is void' };
      const values = { reason: str(body.reason) };
      const version = /^\d{1,9}$/.test(str(body.version)) ? Number(str(body.version)) : undefined;
      const { dto, errors } = await formToDto(VoidRecordDto, [reasonField], values, 'create', { version });
      const again = (errs: FieldError[], status: number) =>
        this.pages.render(
          reply,
          'records/void',
          { def, title: `Void this ${def.singular}`, id, version, values, errors: errs, fieldErrors: errorsByField(errs) },
          status,
        );
      if (!dto) return again(errors, 400);
      try {
        const voided = (await this.service.void(ctx, id, dto.reason, dto.version)) as unknown as Row;
        return this.pages.redirect(reply, `/${def.path}/${id}`, `${def.title(voided)} is now void`);
      } catch (e) {
        const mapped = serviceFieldErrors([reasonField], e);
        if (mapped) return again(mapped, 400);
        if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) return again([{ field: '', href: 'reason', text: conflictText(def, e) }], 409);
        throw e;
      }
    }

    /** A refused create or update: field errors and conflicts go back to the form, typed values kept. */
    private refused(ctx: RequestContext, reply: FastifyReply, e: unknown, form: FormState) {
      const mapped = serviceFieldErrors(def.fields, e);
      if (mapped) return this.showForm(ctx, reply, { ...form, errors: mapped }, e instanceof HttpException ? e.getStatus() : 400);
      if (isUniqueViolation(e)) {
        const f = def.fields.find((x) => x.name === 'reference') ?? def.fields[0];
        return this.showForm(
          ctx,
          reply,
          { ...form, errors: [{ field: f.name, href: f.name, text: `Another live ${def.singular} already has that ${f.label.toLowerCase()}` }] },
          409,
        );
      }
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) {
        return this.showForm(ctx, reply, { ...form, errors: [{ field: '', href: 'main-content', text: conflictText(def, e) }] }, 409);
      }
      throw e;
    }

    private async showForm(ctx: RequestContext, reply: FastifyReply, form: FormState & { errors: FieldError[]; title?: string; from?: string }, status = 200) {
      const fields = form.mode === 'update' ? def.fields.filter((f) => !f.createOnly) : def.fields;
      const choices: Record<string, Option[]> = await this.choices.forFields(ctx, referenceNames(fields), form.values);
      return this.pages.render(
        reply,
        'records/form',
        {
          def,
          title: form.mode === 'create' ? `Add ${article(def.singular)} ${def.singular}` : (form.title ?? `Change this ${def.singular}`),
          mode: form.mode,
          action: form.mode === 'create' ? `/${def.path}` : `/${def.path}/${form.id}`,
          cancel: form.mode === 'create' ? (form.from && form.from.startsWith('/') ? form.from : `/${def.path}`) : `/${def.path}/${form.id}`,
          id: form.id,
          version: form.version,
          fields,
          values: form.values,
          choices,
          errors: form.errors,
          fieldErrors: errorsByField(form.errors),
          canAddAnother: form.mode === 'create' && (def.prefill ?? []).length > 0,
        },
        status,
      );
    }
  }
  return RecordWebControllerBase;
}

interface FormState {
  mode: 'create' | 'update';
  id?: string;
  version?: number;
  values: FormValues;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (s: string) => (/^[aeiou]/i.test(s) ? 'an' : 'a');

function conflictText(def: RecordPageDef, e: HttpException): string {
  if (e instanceof ConcurrentChangeError) {
    return `Someone else changed this ${def.singular} after you opened it, so your changes have not been saved. Your entries are shown below: open the ${def.singular} again to see the latest version, then make your changes there`;
  }
  return exceptionMessage(e);
}
