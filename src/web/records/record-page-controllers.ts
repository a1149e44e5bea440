import { Inject, Type } from '@nestjs/common';
import type { UnitRecordEntity } from '../../core/records/unit-record.entity';
import type { RecordService } from '../../core/records/record.service';
import { RECORD_TYPES, RegisteredRecordType } from '../../modules/record-types';
import { WebPages } from '../render/web-pages.service';
import { WebController } from '../web-controller.decorator';
import { ExhibitPagesController } from './exhibit-pages.controller';
import { RecordChoices } from './record-choices.service';
import { OperationPagesController, WarrantPagesController } from './record-controllers';
import { recordPageDef } from './record-page';
import { RecordWebController } from './record-web.controller';

/** Record types whose pages show more than the generic ones (related records, custody). */
const OWN_PAGES: Record<string, Type<unknown>> = {
  operation: OperationPagesController,
  warrant: WarrantPagesController,
  exhibit: ExhibitPagesController,
};

const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/** The generic list, view, create, edit and void pages of a record type, over its own service. */
export function recordPagesController(t: RegisteredRecordType): Type<unknown> {
  @WebController(t.path)
  class RecordPagesController extends RecordWebController(recordPageDef(t)) {
    constructor(
      protected readonly service: RecordService<UnitRecordEntity>,
      protected readonly pages: WebPages,
      protected readonly choices: RecordChoices,
    ) {
      super();
    }
  }
  Inject(t.service)(RecordPagesController, undefined, 0);
  Object.defineProperty(RecordPagesController, 'name', { value: `${pascal(t.entityType)}PagesController` });
  return RecordPagesController;
}

/** Every record type's web pages, in the list's order. */
export const RECORD_PAGE_CONTROLLERS: Type<unknown>[] = RECORD_TYPES.map((t) => OWN_PAGES[t.entityType] ?? recordPagesController(t));
