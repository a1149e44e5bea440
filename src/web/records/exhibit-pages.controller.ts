import { Body, Get, HttpException, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { Allow } from '../../core/auth/access.decorator';
import { Permission } from '../../core/auth/permissions';
import { Ctx, RequestContext } from '../../core/context/request-context';
import { PageQueryDto } from '../../core/records/dto/page-query.dto';
import { CreateMovementDto } from '../../modules/exhibits/dto/exhibit-movement.dto';
import { ExhibitMovementsService } from '../../modules/exhibits/exhibit-movements.service';
import { ExhibitsService } from '../../modules/exhibits/exhibits.service';
import { errorsByField, exceptionMessage, FieldDef, FieldError, formToDto, FormValues, pickValues, serviceFieldErrors } from '../forms/form-fields';
import { formatDateTime } from '../forms/london-time';
import { WebPages } from '../render/web-pages.service';
import { WebController } from '../web-controller.decorator';
import { RecordChoices } from './record-choices.service';
import type { Row } from './record-page';
import { EXHIBIT_PAGES } from './record-pages';
import { RecordIdPipe, RecordWebController, RelatedSection } from './record-web.controller';

export const MOVEMENT_FIELDS: FieldDef[] = [
  { name: 'movedAt', label: 'Moved', kind: 'datetime', required: true, emptyMessage: 'Enter when the exhibit was moved' },
  {
    name: 'fromLocation',
    label: 'From',
    kind: 'text',
    required: true,
    hint: "Where it was: the exhibit's current location",
    classes: 'govuk-!-width-two-thirds',
    emptyMessage: 'Enter where the exhibit was moved from',
    spellcheck: true,
  },
  {
    name: 'toLocation',
    label: 'To',
    kind: 'text',
    required: true,
    hint: 'For example, Digital forensics lab',
    classes: 'govuk-!-width-two-thirds',
    emptyMessage: 'Enter where the exhibit was moved to',
    spellcheck: true,
  },
  {
    name: 'reason',
    label: 'Reason',
    kind: 'text',
    required: true,
    hint: 'For example, For examination',
    classes: 'govuk-!-width-two-thirds',
    emptyMessage: 'Enter why the exhibit was moved',
    spellcheck: true,
  },
  { name: 'sealNumber', label: 'New seal number', kind: 'text', hint: 'Only if it was re-sealed', classes: 'govuk-input--width-10' },
];

/** Exhibits, and their chain of custody: movements are added here, never edited. */
@WebController(EXHIBIT_PAGES.path)
export class ExhibitPagesController extends RecordWebController(EXHIBIT_PAGES) {
  constructor(
    protected readonly service: ExhibitsService,
    protected readonly pages: WebPages,
    protected readonly choices: RecordChoices,
    private readonly movements: ExhibitMovementsService,
  ) {
    super();
  }

  protected override async related(ctx: RequestContext, exhibit: Row): Promise<RelatedSection[]> {
    const page = await this.movements.list(ctx, String(exhibit.id), plainToInstance(PageQueryDto, { limit: 200 }));
    return [
      {
        title: 'Chain of custody',
        headers: ['Moved', 'From', 'To', 'Reason', 'Seal'],
        rows: page.items.map((m) => ({ href: '', cells: [formatDateTime(m.movedAt), m.fromLocation, m.toLocation, m.reason, m.sealNumber ?? ''] })),
        empty: 'No movements recorded yet: the exhibit is where it was seized.',
        add: exhibit.voidedAt ? undefined : { text: 'Record a movement', href: `/exhibits/${exhibit.id}/movements/new`, permission: Permission.ExhibitWrite },
      },
    ];
  }

  @Get(':id/movements/new')
  @Allow(Permission.ExhibitWrite)
  async newMovement(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Res() reply: FastifyReply) {
    const exhibit = (await this.service.get(ctx, id)) as unknown as Row;
    return this.movementForm(reply, exhibit, { fromLocation: String(exhibit.currentLocation ?? '') }, []);
  }

  @Post(':id/movements')
  @Allow(Permission.ExhibitWrite)
  async addMovement(@Ctx() ctx: RequestContext, @Param('id', RecordIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply) {
    const values = pickValues(MOVEMENT_FIELDS, body);
    const exhibit = { id, reference: String(body.exhibitReference ?? '').slice(0, 40) };
    const { dto, errors } = await formToDto(CreateMovementDto, MOVEMENT_FIELDS, values, 'create');
    if (!dto) return this.movementForm(reply, exhibit, values, errors, 400);
    try {
      await this.movements.create(ctx, id, dto);
      return this.pages.redirect(reply, `/exhibits/${id}`, `Movement recorded: now at ${dto.toLocation}`);
    } catch (e) {
      const mapped = serviceFieldErrors(MOVEMENT_FIELDS, e);
      if (mapped) return this.movementForm(reply, exhibit, values, mapped, 400);
      if (e instanceof HttpException && e.getStatus() === HttpStatus.CONFLICT) {
        return this.movementForm(reply, exhibit, values, [{ field: 'fromLocation', href: 'fromLocation', text: exceptionMessage(e) }], 409);
      }
      throw e;
    }
  }

  private movementForm(reply: FastifyReply, exhibit: Row, values: FormValues, errors: FieldError[], status = 200) {
    return this.pages.render(
      reply,
      'records/movement',
      {
        title: `Record a movement of exhibit ${exhibit.reference}`,
        exhibit,
        fields: MOVEMENT_FIELDS,
        values,
        choices: {},
        errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }
}
