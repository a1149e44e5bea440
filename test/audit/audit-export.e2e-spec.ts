import { randomBytes } from 'node:crypto';
import { bearer, createTestApp, FixtureName, TestApp } from '../support/test-app';

const ref = () => `OP/${randomBytes(4).toString('hex').toUpperCase()}`;

const HEADER = 'seq,at,actorId,actorRole,actorUnitId,action,entityType,entityId,requestId,ip,outcome,purpose,changes,details,prevHash,hash';

/** RFC 4180, as a spreadsheet would read it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('the auditor exports the log', () => {
  let t: TestApp;
  let auditor: Record<string, string>;
  let op: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    auditor = bearer(await t.token('auditor'));
    const sup = bearer(await t.token('neSupervisor'));
    op = (await t.http().post('/api/v1/operations').set(sup).send({ name: 'LEGATUM', reference: ref(), startsOn: '2021-03-01' }).expect(201)).body;
    await t
      .http()
      .patch(`/api/v1/operations/${op.id}`)
      .set(sup)
      .send({ version: op.version, status: 'active', description: 'Week of action, "phase 2", north' })
      .expect(200);
    // A purpose with a comma and quotes, to be quoted in the CSV.
    await t
      .http()
      .get(`/api/v1/operations/${op.id}`)
      .set(bearer(await t.token('neOfficer')))
      .set('x-purpose', 'Case review, "urgent"')
      .expect(200);
  });
  afterAll(() => t.close());

  /** The whole body as text, whatever the content type (supertest only buffers text/* and JSON). */
  const download = (query: Record<string, string>, auth: Record<string, string> = auditor) =>
    t
      .http()
      .get('/api/v1/audit-events/export')
      .query(query)
      .set(auth)
      .buffer(true)
      .parse((res, done) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => done(null, data));
      });

  const lastExport = async () => {
    const events = await t.auditEvents({ action: 'audit.export', actor_id: t.users.auditor });
    return events[events.length - 1];
  };

  it('answers 401 without a token, and 403 (audited) to everyone but auditors', async () => {
    await t.http().get('/api/v1/audit-events/export').query({ reason: 'x' }).expect(401);
    for (const name of ['admin', 'neSupervisor', 'centralOfficer'] as FixtureName[]) {
      await t
        .http()
        .get('/api/v1/audit-events/export')
        .query({ reason: 'Curious' })
        .set(bearer(await t.token(name)))
        .expect(403);
      const denied = await t.auditEvents({ action: 'access.denied', actor_id: t.users[name] });
      expect(denied.map((d) => d.details)).toContainEqual(expect.objectContaining({ permission: 'audit.export', route: '/api/v1/audit-events/export' }));
    }
  });

  it('refuses an export without a stated reason (400, field reason), and writes no export event', async () => {
    const before = await t.auditEvents({ action: 'audit.export' });
    for (const query of [{}, { reason: '' }, { reason: '   ' }, { reason: 'why '.repeat(51) }, { format: 'csv' }]) {
      const res = await t.http().get('/api/v1/audit-events/export').query(query).set(auditor).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    }
    const bad = await t.http().get('/api/v1/audit-events/export').query({ reason: 'Review', format: 'xlsx' }).set(auditor).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('format');
    await t.http().get('/api/v1/audit-events/export').query({ reason: 'Review', from: 'yesterday' }).set(auditor).expect(400);
    expect(await t.auditEvents({ action: 'audit.export' })).toHaveLength(before.length);
  });

  it('exports CSV: exact header, one quoted line per event, jsonb as compact JSON, as an attachment', async () => {
    const res = await download({ entityType: 'operation', entityId: op.id, reason: 'DPA s.62 request 2021/17' }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="haven-audit-\d{8}T\d{6}Z\.csv"$/);
    const text = res.body as string;
    expect(text.split('\r\n')[0]).toBe(HEADER);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADER.split(','));
    const records = rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]])));
    // Oldest first, as the chain runs.
    expect(records.map((r) => r.action)).toEqual(['create', 'update', 'view']);
    const stored = await t.auditEvents({ entity_id: op.id });
    const [create, update, view] = records;
    expect(create).toMatchObject({
      seq: stored[0].seq,
      actorId: t.users.neSupervisor,
      actorRole: 'supervisor',
      entityType: 'operation',
      entityId: op.id,
      outcome: 'success',
      purpose: '',
    });
    expect(new Date(create.at).getTime()).toBe(stored[0].at.getTime());
    expect(JSON.parse(update.changes)).toEqual(stored[1].changes);
    expect(JSON.parse(update.changes).description).toEqual([null, 'Week of action, "phase 2", north']);
    expect(update.changes).not.toMatch(/\n|": /); // compact
    expect(view.purpose).toBe('Case review, "urgent"');
    expect(text).toContain('"Case review, ""urgent"""');
    for (const r of records) expect(r.hash === '' || /^[0-9a-f]{64}$/.test(r.hash)).toBe(true);
  });

  it('exports NDJSON: one JSON object per line, every field, filters applied', async () => {
    const res = await download({ format: 'ndjson', actorId: t.users.neOfficer, reason: 'Conduct review' }).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="haven-audit-\d{8}T\d{6}Z\.ndjson"/);
    const lines = (res.body as string).split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l));
    const stored = await t.auditEvents({ actor_id: t.users.neOfficer });
    expect(events.map((e) => e.seq)).toEqual(stored.map((s) => s.seq));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'view']));
    expect(Object.keys(events[0])).toEqual(HEADER.split(','));
    const view = events.find((e) => e.action === 'view');
    expect(view).toMatchObject({ entityId: op.id, purpose: 'Case review, "urgent"', changes: null, actorUnitId: t.units['BCU-NE'] });
  });

  it('audits the export, with its filter and reason, before the first byte, and stops where it began', async () => {
    const res = await download({ format: 'ndjson', reason: 'Annual ICO audit' }).expect(200);
    const ev = await lastExport();
    expect(ev).toMatchObject({
      actor_role: 'auditor',
      entity_type: 'audit_event',
      outcome: 'success',
      details: { filter: {}, format: 'ndjson', reason: 'Annual ICO audit', upToSeq: expect.stringMatching(/^\d+$/) },
    });
    const exported = (res.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).seq as string);
    // Everything up to the moment it began, and nothing after: its own event is the next one.
    expect(exported[exported.length - 1]).toBe(ev.details.upToSeq);
    expect(BigInt(ev.seq)).toBeGreaterThan(BigInt(ev.details.upToSeq));
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM audit_events WHERE seq <= $1', [ev.details.upToSeq]);
    expect(exported).toHaveLength(n);
    expect(new Set(exported).size).toBe(n);

    await download({ entityId: op.id, action: 'view', reason: 'Complaint 44/21' }).expect(200);
    expect((await lastExport()).details).toMatchObject({ filter: { entityId: op.id, action: 'view' }, format: 'csv', reason: 'Complaint 44/21' });
  });

  it('streams an export of more than 10,000 events in batches, every line once', async () => {
    await t.db.query(
      `INSERT INTO audit_events (action, entity_type, outcome, details)
       SELECT 'test.bulk', 'synthetic', 'success', jsonb_build_object('n', g, 'note', 'row, "' || g || '"') FROM generate_series(1, 12000) g`,
    );
    const csv = await download({ action: 'test.bulk', reason: 'Load check' }).expect(200);
    // Chunked: the length was not known up front, so the body was never assembled in memory.
    expect(csv.headers['transfer-encoding']).toBe('chunked');
    expect(csv.headers['content-length']).toBeUndefined();
    const lines = (csv.body as string).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(12_001);
    const rows = parseCsv(csv.body as string).slice(1);
    expect(rows).toHaveLength(12_000);
    const seqs = rows.map((r) => BigInt(r[0]));
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
    expect(rows.map((r) => JSON.parse(r[13]).n)).toEqual(Array.from({ length: 12_000 }, (_, i) => i + 1));
    expect(JSON.parse(rows[4999][13]).note).toBe('row, "5000"');

    const nd = await download({ format: 'ndjson', entityType: 'synthetic', reason: 'Load check' }).expect(200);
    expect(
      (nd.body as string)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).details.n),
    ).toHaveLength(12_000);
  });
});
