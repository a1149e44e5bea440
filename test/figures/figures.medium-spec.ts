import { FiguresService } from '../../src/modules/figures/figures.service';
import { MediumDatabase, mediumDatabase } from '../support/medium';

/**
 * The counting rules (docs/counting-rules.md) on FiguresService itself, against a real migrated
 * database and no HTTP: each rule with a record that must count and one that must not.
 */
describe('FiguresService: the counting rules', () => {
  let m: MediumDatabase;
  let figures: FiguresService;
  let ne: string;
  let sw: string;

  beforeAll(async () => {
    m = await mediumDatabase();
    figures = new FiguresService(m.ds);
    ne = await m.unit('BCU-NE');
    sw = await m.unit('BCU-SW');
  });
  afterAll(() => m.close());

  const warrant = (unit: string, status: string, executedAt: string | null, children = 0, voided = false) =>
    m.ds.query(
      `INSERT INTO warrants (unit_id, reference, type, status, executed_at, children_safeguarded, voided_at) VALUES ($1, 'W/1', 's.43', $2, $3, $4, $5)`,
      [unit, status, executedAt, children, voided ? new Date() : null],
    );
  const visit = (unit: string, visitedAt: string, children: number) =>
    m.ds.query(`INSERT INTO safeguarding_visits (unit_id, visited_at, children_safeguarded) VALUES ($1, $2, $3)`, [unit, visitedAt, children]);
  const arrest = (unit: string, at: string) =>
    m.ds.query(`INSERT INTO arrests (unit_id, arrested_at, suspect_ref, offence_code) VALUES ($1, $2, 'S-1', 'OCS1')`, [unit, at]);
  const week = (unitIds: string[] | null, fromMonday: string) => figures.total({ unitIds, fromMonday });

  it('counts executed warrants by their execution time, in London weeks across the clock change', async () => {
    // 2021-W13 starts Monday 29 March 2021 00:00 BST = Sunday 28 March 23:00 UTC.
    await warrant(ne, 'executed', '2021-03-28T23:30:00Z', 2); // Monday 00:30 BST: W13
    await warrant(ne, 'executed', '2021-03-28T22:30:00Z', 1); // Sunday 23:30 BST: W12
    await warrant(ne, 'granted', '2021-03-30T10:00:00Z', 5); // not executed: counts nowhere
    await warrant(ne, 'executed', '2021-03-30T10:00:00Z', 7, true); // voided: counts nowhere
    const w13 = await week([ne], '2021-03-29');
    expect(w13.warrantsExecuted).toBe(1);
    expect(w13.childrenSafeguarded).toBe(2);
    const w12 = await week([ne], '2021-03-22');
    expect(w12.warrantsExecuted).toBe(1);
    expect(w12.childrenSafeguarded).toBe(1);
  });

  it('adds the children safeguarded at visits to those at executed warrants, and counts the visits', async () => {
    await visit(ne, '2021-03-31T09:00:00Z', 3);
    const w13 = await week([ne], '2021-03-29');
    expect(w13.childrenSafeguarded).toBe(2 + 3);
    expect(w13.safeguardingVisits).toBe(1);
  });

  it("counts each unit's own records only, and every unit appears with zeros when idle", async () => {
    await arrest(sw, '2021-03-30T12:00:00Z');
    const byUnit = await figures.byUnit({ unitIds: [ne, sw], fromMonday: '2021-03-29' });
    expect(byUnit.get(sw)).toMatchObject({ arrests: 1, warrantsExecuted: 0, childrenSafeguarded: 0 });
    expect(byUnit.get(ne)).toMatchObject({ arrests: 0, warrantsExecuted: 1 });
    expect((await week(null, '2021-03-29')).arrests).toBe(1);
  });

  it('puts a record at exactly Monday 00:00 London time in the week that starts then', async () => {
    // 2021-W44 starts Monday 1 November 2021 00:00 GMT (the clocks went back on 31 October).
    await arrest(ne, '2021-11-01T00:00:00Z');
    expect((await week([ne], '2021-11-01')).arrests).toBe(1);
    expect((await week([ne], '2021-10-25')).arrests).toBe(0);
  });
});
