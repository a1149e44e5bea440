import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../core/context/request-context';
import { OperationsService } from '../../modules/operations/operations.service';
import { WarrantsService } from '../../modules/warrants/warrants.service';
import type { Option } from '../forms/form-fields';

/** How many operations or warrants a select offers: the newest, plus whatever is already chosen. */
const CHOICES = 200;

/**
 * The operations and warrants a form or filter may point at, read through their services so the
 * lists are scoped to the user's units and audited like any other list.
 */
@Injectable()
export class RecordChoices {
  constructor(
    private readonly operations: OperationsService,
    private readonly warrants: WarrantsService,
  ) {}

  async operationOptions(ctx: RequestContext): Promise<Option[]> {
    const page = await this.operations.list(ctx, { limit: CHOICES, sort: 'startsOn', direction: 'desc' });
    return page.items.map((o) => ({ value: o.id, text: `${o.name} (${o.reference})` }));
  }

  async warrantOptions(ctx: RequestContext, operationId?: string): Promise<Option[]> {
    const page = await this.warrants.list(ctx, { limit: CHOICES, filters: operationId ? { operationId } : {} });
    return page.items.map((w) => ({ value: w.id, text: `${w.reference} (${w.status})` }));
  }

  /** The options every reference field in `names` needs; a chosen id missing from them is kept. */
  async forFields(ctx: RequestContext, names: string[], chosen: Record<string, string | undefined> = {}): Promise<Record<string, Option[]>> {
    const out: Record<string, Option[]> = {};
    if (names.includes('operationId')) out.operationId = await this.operationOptions(ctx);
    if (names.includes('warrantId')) out.warrantId = await this.warrantOptions(ctx);
    for (const [name, opts] of Object.entries(out)) {
      const id = chosen[name];
      // An older record than the list reaches stays selected, so saving the form never drops it.
      if (id && !opts.some((o) => o.value === id)) opts.unshift({ value: id, text: 'The one already recorded (not among the latest)' });
    }
    return out;
  }
}
