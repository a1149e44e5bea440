import { NotFoundException } from '@nestjs/common';
import { FiguresService } from '../../src/modules/figures/figures.service';
import { OperationsService } from '../../src/modules/operations/operations.service';
import { WarrantsService } from '../../src/modules/warrants/warrants.service';
import { MediumDatabase, mediumDatabase } from '../support/medium';

/**
 * A record service on the real store and database, without HTTP: unit scope, the audit event each
 * call writes, and the warrant's own rule (executed exactly when it has an execution time).
 */
describe('WarrantsService on the store (medium tier)', () => {
  let m: MediumDatabase;
  let warrants: WarrantsService;
  let ne: string;
  let sw: string;

  beforeAll(async () => {
    m = await mediumDatabase();
    const operations = new OperationsService(m.ds, new FiguresService(m.ds));
    warrants = new WarrantsService(m.ds, operations);
    ne = await m.unit('BCU-NE');
    sw = await m.unit('BCU-SW');
  });
  afterAll(() => m.close());

  const events = (entityId: string) =>
    m.ds.query(`SELECT action, outcome, actor_unit_id FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [entityId]) as Promise<
      { action: string; outcome: string }[]
    >;

  it("creates within the actor's unit and audits the create in the same statement", async () => {
    const w = await warrants.create(m.ctx('officer', ne), { reference: 'NE/W/1', type: 's.43', status: 'applied' });
    expect(w.unitId).toBe(ne);
    expect(await events(w.id)).toEqual([{ action: 'create', outcome: 'success', actor_unit_id: ne }]);
  });

  it('another borough cannot see it: not found, audited as not_found', async () => {
    const w = await warrants.create(m.ctx('officer', ne), { reference: 'NE/W/2', type: 's.43', status: 'applied' });
    await expect(warrants.get(m.ctx('officer', sw), w.id)).rejects.toBeInstanceOf(NotFoundException);
    expect((await events(w.id)).map((e) => `${e.action}:${e.outcome}`)).toEqual(['create:success', 'view:not_found']);
  });

  it('refuses an executed warrant with no execution time, and writes nothing', async () => {
    const before = Number((await m.ds.query(`SELECT count(*) AS n FROM warrants`))[0].n);
    await expect(warrants.create(m.ctx('officer', ne), { reference: 'NE/W/3', type: 's.43', status: 'executed' })).rejects.toMatchObject({ status: 400 });
    expect(Number((await m.ds.query(`SELECT count(*) AS n FROM warrants`))[0].n)).toBe(before);
  });
});
