import { bearer, createTestApp, FixtureName, TestApp } from './test-app';

export interface RecordTypeSpec {
  /** Path under /api/v1, e.g. 'warrants'. */
  path: string;
  /** entity_type in the audit log. */
  entityType: string;
  /** Roles allowed to write (create/update/void); the rest of officer/supervisor get 403 on writes. */
  writers: FixtureName[];
  /** Builds a valid create body for a unit (may create prerequisite records through the API). */
  validBody(t: TestApp, unit: 'CENTRAL' | 'BCU-NE' | 'BCU-SW'): Promise<Record<string, unknown>>;
  /** A field and a new valid value for the update tests. */
  updateField: { field: string; value: unknown };
  /** Bodies that must be refused with 400 (and store nothing), each with the field it names. */
  invalidBodies(t: TestApp): Promise<{ name: string; body: Record<string, unknown>; field: string }[]>;
  /** Query params for the list filter test: a filter that matches the created record. */
  listFilter?(created: Record<string, any>): Record<string, string>;
}

async function countRows(t: TestApp, entityType: string, table: string): Promise<number> {
  void entityType;
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

/**
 * The battery every case-record type must pass: authentication, role permissions, unit scope,
 * optimistic locking, voiding, the audit trail and refusal of bad input with nothing stored.
 */
export function describeRecordType(spec: RecordTypeSpec, table: string): void {
  describe(`${spec.path}: the common record rules`, () => {
    let t: TestApp;
    const url = `/api/v1/${spec.path}`;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    const as = async (who: FixtureName) => bearer(await t.token(who));
    const create = async (who: FixtureName, unit: 'CENTRAL' | 'BCU-NE' | 'BCU-SW') => {
      const body = await spec.validBody(t, unit);
      const res = await t
        .http()
        .post(url)
        .set(await as(who))
        .send({ ...body, unitId: t.units[unit] });
      if (res.status !== 201) throw new Error(`create as ${who} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, any>;
    };
    const writer = () => spec.writers.find((w) => w.startsWith('ne')) ?? spec.writers[0];

    it('refuses every route without a token (401)', async () => {
      await t.http().get(url).expect(401);
      await t.http().post(url).send({}).expect(401);
      await t.http().get(`${url}/00000000-0000-4000-8000-000000000000`).expect(401);
    });

    it('refuses admins and auditors (403), and audits the refusal', async () => {
      for (const who of ['admin', 'auditor'] as const) {
        await t
          .http()
          .get(url)
          .set(await as(who))
          .expect(403);
        await t
          .http()
          .post(url)
          .set(await as(who))
          .send(await spec.validBody(t, 'BCU-NE'))
          .expect(403);
      }
      const denied = await t.auditEvents({ action: 'access.denied', actor_id: t.users.auditor });
      expect(denied.length).toBeGreaterThanOrEqual(2);
      expect(denied[0].outcome).toBe('denied');
    });

    it('creates (201 with id and version) and audits the create with the field values', async () => {
      const rec = await create(writer(), 'BCU-NE');
      expect(rec).toMatchObject({ unitId: t.units['BCU-NE'], version: 1, voidedAt: null });
      expect(rec.id).toMatch(/^[0-9a-f-]{36}$/);
      const [ev] = await t.auditEvents({ action: 'create', entity_type: spec.entityType, entity_id: rec.id });
      expect(ev).toMatchObject({ outcome: 'success', actor_id: t.users[writer()] });
      expect(Object.keys(ev.changes)).toEqual(expect.arrayContaining(['unitId']));
    });

    it('reads a record and audits the view; 404 for a record in another borough', async () => {
      const rec = await create(writer(), 'BCU-NE');
      const res = await t
        .http()
        .get(`${url}/${rec.id}`)
        .set(await as('neOfficer'))
        .expect(200);
      expect(res.body.id).toBe(rec.id);
      const views = await t.auditEvents({ action: 'view', entity_id: rec.id, outcome: 'success' });
      expect(views.map((v) => v.request_id)).toContain(res.headers['x-request-id']);
      await t
        .http()
        .get(`${url}/${rec.id}`)
        .set(await as('swOfficer'))
        .expect(404);
      const [miss] = await t.auditEvents({ action: 'view', entity_id: rec.id, actor_id: t.users.swOfficer });
      expect(miss.outcome).toBe('not_found');
      await t
        .http()
        .get(`${url}/${rec.id}`)
        .set(await as('centralOfficer'))
        .expect(200);
    });

    it('lists only records of units the user may see, audits the ids returned, and pages', async () => {
      const ne = await create(writer(), 'BCU-NE');
      const sw = await create(spec.writers.find((w) => w.startsWith('sw')) ?? 'swSupervisor', 'BCU-SW');
      const neList = await t
        .http()
        .get(url)
        .set(await as('neOfficer'))
        .expect(200);
      const neIds = neList.body.items.map((r: { id: string }) => r.id);
      expect(neIds).toContain(ne.id);
      expect(neIds).not.toContain(sw.id);
      const central = await t
        .http()
        .get(`${url}?limit=200`)
        .set(await as('centralOfficer'))
        .expect(200);
      expect(central.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([ne.id, sw.id]));
      const events = await t.auditEvents({ action: 'list', entity_type: spec.entityType, request_id: neList.headers['x-request-id'] });
      expect(events).toHaveLength(1);
      expect(events[0].details.ids).toEqual(neIds);
      // A borough officer asking for another borough's records gets none of them.
      const sneaky = await t
        .http()
        .get(`${url}?unitId=${t.units['BCU-SW']}`)
        .set(await as('neOfficer'))
        .expect(200);
      expect(sneaky.body.items).toEqual([]);
      // Pages of one follow each other without repeats.
      const first = await t
        .http()
        .get(`${url}?limit=1`)
        .set(await as('centralOfficer'))
        .expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toBeTruthy();
      const second = await t
        .http()
        .get(`${url}?limit=1&cursor=${first.body.nextCursor}`)
        .set(await as('centralOfficer'))
        .expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      await t
        .http()
        .get(`${url}?limit=1000`)
        .set(await as('centralOfficer'))
        .expect(400);
      if (spec.listFilter) {
        const q = new URLSearchParams(spec.listFilter(ne)).toString();
        const filtered = await t
          .http()
          .get(`${url}?${q}`)
          .set(await as('neOfficer'));
        expect({ status: filtered.status, body: filtered.status === 200 ? 'ok' : filtered.body }).toEqual({ status: 200, body: 'ok' });
        expect(filtered.body.items.map((r: { id: string }) => r.id)).toContain(ne.id);
      }
    });

    it('updates with the current version and audits the diff; a stale version gets 409 and changes nothing', async () => {
      const rec = await create(writer(), 'BCU-NE');
      const { field, value } = spec.updateField;
      const ok = await t
        .http()
        .patch(`${url}/${rec.id}`)
        .set(await as(writer()))
        .send({ version: 1, [field]: value })
        .expect(200);
      expect(ok.body.version).toBe(2);
      const [ev] = await t.auditEvents({ action: 'update', entity_id: rec.id });
      expect(ev.changes[field][1]).toEqual(value);
      const stale = await t
        .http()
        .patch(`${url}/${rec.id}`)
        .set(await as(writer()))
        .send({ version: 1, [field]: rec[field] })
        .expect(409);
      expect(stale.body.requestId).toBeTruthy();
      const now = await t
        .http()
        .get(`${url}/${rec.id}`)
        .set(await as(writer()))
        .expect(200);
      expect(now.body.version).toBe(2);
      expect(now.body[field]).toEqual(value);
      const otherBorough = spec.writers.find((w) => w.startsWith('sw')) ?? 'swSupervisor';
      await t
        .http()
        .patch(`${url}/${rec.id}`)
        .set(await as(otherBorough))
        .send({ version: 2, [field]: value })
        .expect(404);
    });

    it('voids only with a reason; a void record stays stored, leaves lists, and cannot be edited', async () => {
      const rec = await create(writer(), 'BCU-NE');
      const noReason = await t
        .http()
        .delete(`${url}/${rec.id}`)
        .set(await as(writer()))
        .send({})
        .expect(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const res = await t
        .http()
        .delete(`${url}/${rec.id}`)
        .set(await as(writer()))
        .send({ reason: 'Entered twice by mistake' })
        .expect(200);
      expect(res.body).toMatchObject({ voidReason: 'Entered twice by mistake', voidedBy: t.users[writer()] });
      const [ev] = await t.auditEvents({ action: 'void', entity_id: rec.id });
      expect(ev.details.reason).toBe('Entered twice by mistake');
      const list = await t
        .http()
        .get(`${url}?limit=200`)
        .set(await as(writer()))
        .expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(rec.id);
      const withVoided = await t
        .http()
        .get(`${url}?limit=200&includeVoided=true`)
        .set(await as(writer()))
        .expect(200);
      expect(withVoided.body.items.map((r: { id: string }) => r.id)).toContain(rec.id);
      await t
        .http()
        .patch(`${url}/${rec.id}`)
        .set(await as(writer()))
        .send({ version: 2, [spec.updateField.field]: spec.updateField.value })
        .expect(409);
      await t
        .http()
        .delete(`${url}/${rec.id}`)
        .set(await as(writer()))
        .send({ reason: 'again' })
        .expect(409);
    });

    it('refuses bad input with 400 and field errors, storing nothing', async () => {
      const before = await countRows(t, spec.entityType, table);
      const good = await spec.validBody(t, 'BCU-NE');
      const cases = [
        { name: 'unknown field', body: { ...good, surprise: 1 }, field: 'surprise' },
        { name: 'embedded data: URI', body: { ...good, [firstTextField(good)]: 'data:image/png;base64,iVBORw0KGgo=' }, field: firstTextField(good) },
        { name: 'long base64 run', body: { ...good, [firstTextField(good)]: 'A'.repeat(120) }, field: firstTextField(good) },
        { name: 'control characters', body: { ...good, [firstTextField(good)]: 'abc\u0000def' }, field: firstTextField(good) },
        ...(await spec.invalidBodies(t)),
      ];
      const after = await countRows(t, spec.entityType, table);
      const prepared = after - before;
      for (const c of cases) {
        const res = await t
          .http()
          .post(url)
          .set(await as(writer()))
          .send(c.body);
        expect({ name: c.name, status: res.status }).toEqual({ name: c.name, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
      }
      expect(await countRows(t, spec.entityType, table)).toBe(before + prepared);
      const multipart = await t
        .http()
        .post(url)
        .set(await as(writer()))
        .attach('file', Buffer.from('not an image'), 'x.jpg');
      expect(multipart.status).toBe(415);
      const huge = await t
        .http()
        .post(url)
        .set(await as(writer()))
        .set('content-type', 'application/json')
        .send(JSON.stringify({ x: 'y'.repeat(70 * 1024) }));
      expect(huge.status).toBe(413);
      await t
        .http()
        .get(`${url}/not-a-uuid`)
        .set(await as(writer()))
        .expect(400);
    });
  });
}

function firstTextField(body: Record<string, unknown>): string {
  const skip = /Id$|At$|On$|^unitId$|^status$|sha256|^type$|^itemType$|^source$|^riskGrade$|^outcome$/;
  const f = Object.entries(body).find(([k, v]) => typeof v === 'string' && !skip.test(k));
  if (!f) throw new Error('validBody has no free-text field to poison');
  return f[0];
}
