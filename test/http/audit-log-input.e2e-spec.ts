import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createOperation, ref } from '../support/record-fixtures';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const url = '/api/v1/warrants';
const cursorOf = (pos: unknown) => Buffer.from(JSON.stringify(pos)).toString('base64url');
const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
/** Bytes that look random but are the same on every run. */
const bytes = (n: number, seed: string) =>
  Buffer.concat(Array.from({ length: Math.ceil(n / 32) }, (_, i) => createHash('sha256').update(`${seed}:${i}`).digest())).subarray(0, n);

describe('what reaches the append-only audit log (issue 13, points 4 and 5)', () => {
  let t: TestApp;
  let officer: Record<string, string>;
  let operationId: string;
  const warrant = (extra: Record<string, unknown> = {}) => ({
    operationId,
    reference: ref('W'),
    type: 'PCA 1978 s.4',
    status: 'applied',
    outcome: 'Applied for at the magistrates court',
    ...extra,
  });
  /** Audit events whose stored text contains `text` anywhere. */
  const eventsHolding = async (text: string) =>
    (
      await t.db.query(
        `SELECT seq FROM audit_events WHERE coalesce(details::text, '') || coalesce(purpose, '') || coalesce(request_id, '') LIKE '%' || $1 || '%'`,
        [text],
      )
    ).length;

  beforeAll(async () => {
    t = await createTestApp();
    officer = bearer(await t.token('neOfficer'));
    operationId = await createOperation(t, 'BCU-NE');
    for (let i = 0; i < 3; i++) await t.http().post(url).set(officer).send(warrant()).expect(201);
  });
  afterAll(() => t.close());

  describe('list cursors', () => {
    it('records the checked position of a cursor, never the token itself', async () => {
      const first = await t.http().get(`${url}?sort=reference&direction=asc&limit=1`).set(officer).expect(200);
      const cursor = first.body.nextCursor as string;
      const position = decode(cursor);
      const second = await t.http().get(`${url}?sort=reference&direction=asc&limit=1&cursor=${cursor}`).set(officer).expect(200);
      expect(second.body.items[0].reference > first.body.items[0].reference).toBe(true);
      const [ev] = await t.auditEvents({ action: 'list', request_id: second.headers['x-request-id'] });
      expect(ev.details.filter).toMatchObject({ sort: 'reference', after: { reference: position.v, id: position.id } });
      expect(JSON.stringify(ev.details)).not.toContain(cursor);
    });

    const id = '2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b';
    const smuggled = bytes(90, 'cursor').toString('base64');
    it.each([
      ['a reference longer than the column', 'reference', { v: 'A'.repeat(300), id }],
      ['file content as the reference', 'reference', { v: smuggled, id }],
      ['a data: URI as the reference', 'reference', { v: 'data:image/png;base64,iVBORw0KGgo', id }],
      ['text where a date-time belongs', 'createdAt', { v: 'not a date at all', id }],
      ['a null position', 'reference', { v: null, id }],
      ['an extra member', 'reference', { v: 'W/QQ-extra-member', id, note: smuggled }],
      ['an id that is not one', 'reference', { v: 'W/QQ-not-an-id', id: 'x'.repeat(36) }],
    ])('refuses %s with a 400 field error, and logs none of it', async (_name, sort, pos) => {
      const cursor = cursorOf(pos);
      const res = await t.http().get(`${url}?sort=${sort}&cursor=${cursor}`).set(officer);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'cursor', messages: [expect.stringContaining('cursor is not valid')] }]);
      expect(await eventsHolding(cursor.slice(0, 40))).toBe(0);
      if (typeof pos.v === 'string') expect(await eventsHolding(pos.v.slice(0, 40))).toBe(0);
    });
  });

  describe('X-Purpose', () => {
    let warrantId: string;
    beforeAll(async () => {
      warrantId = (await t.http().post(url).set(officer).send(warrant()).expect(201)).body.id;
    });

    it('keeps a stated purpose in the audit event of the read', async () => {
      const res = await t.http().get(`${url}/${warrantId}`).set(officer).set('X-Purpose', 'Preparing the file for CPS').expect(200);
      const [ev] = await t.auditEvents({ request_id: res.headers['x-request-id'] });
      expect(ev.purpose).toBe('Preparing the file for CPS');
    });

    it.each([
      ['longer than 200 characters', 'Reviewing the case. '.repeat(11), /at most 200 characters/],
      ['file content', bytes(100, 'purpose').toString('base64'), /encoded file content/],
      [
        'file content split by spaces',
        bytes(100, 'purpose')
          .toString('base64')
          .replace(/(.{4})/g, '$1 ')
          .slice(0, 190),
        /encoded file content/,
      ],
      ['a data: URI', 'data:image/png;base64,iVBORw0KGgo=', /data: URI/],
    ])('refuses one %s with a 400 that says so, and logs nothing of it', async (_name, purpose, message) => {
      const res = await t.http().get(`${url}/${warrantId}`).set(officer).set('X-Purpose', purpose);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'X-Purpose', messages: [expect.stringMatching(message)] }]);
      expect(await eventsHolding(purpose.slice(0, 40))).toBe(0);
    });
  });

  describe('X-Request-Id', () => {
    it('keeps a client request id that is a UUID, in the answer and the audit event', async () => {
      const mine = 'c0ffee00-1234-4abc-8def-0123456789ab';
      const res = await t.http().get(url).set(officer).set('X-Request-Id', mine).expect(200);
      expect(res.headers['x-request-id']).toBe(mine);
      expect(await t.auditEvents({ request_id: mine })).toHaveLength(1);
    });

    it.each([
      ['a trace token', 'client-trace-0001'],
      ['encoded content', 'SGF2ZW4tc3RvcmVzLW1ldGFkYXRhLW9ubHktNDI'],
      ['a UUID with something after it', 'c0ffee00-1234-4abc-8def-0123456789ab:x'],
    ])('replaces %s with a UUID of its own', async (_name, given) => {
      const res = await t.http().get(url).set(officer).set('X-Request-Id', given).expect(200);
      expect(res.headers['x-request-id']).not.toBe(given);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(await t.auditEvents({ request_id: given })).toHaveLength(0);
    });
  });

  describe('file content in record fields', () => {
    const stored = async (text: string) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM warrants WHERE reference || type || coalesce(outcome, '') LIKE '%' || $1 || '%'`, [text]))[0].n;

    it('refuses a gzip+base64 payload split across reference, type and outcome, and stores nothing', async () => {
      const payload = gzipSync(bytes(120, 'warrant')).toString('base64');
      const body = warrant({ reference: payload.slice(0, 2), type: payload.slice(2, 58), outcome: payload.slice(58, 110) });
      const res = await t.http().post(url).set(officer).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: '(body)', messages: [expect.stringContaining('gzip')] }]);
      expect(await stored(body.type)).toBe(0);
    });

    it.each([
      [
        'MIME base64 lines in the outcome',
        {
          outcome: bytes(300, 'mime')
            .toString('base64')
            .replace(/(.{76})/g, '$1\r\n'),
        },
      ],
      ['hex bytes in the outcome', { outcome: bytes(60, 'hex').toString('hex').replace(/(..)/g, '$1 ') }],
      ['URL-encoded bytes in the outcome', { outcome: [...bytes(30, 'url')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('') }],
      ['a data: URI with a space before the colon', { outcome: 'data :image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8' }],
      ['a C1 control character', { type: 'PCA 1978\u0085s.4' }],
    ])('refuses %s, and stores nothing', async (_name, extra) => {
      const body = warrant(extra);
      const res = await t.http().post(url).set(officer).send(body);
      expect(res.status).toBe(400);
      expect(await stored(body.reference)).toBe(0);
    });

    it('stores an ordinary warrant with numbers, a postcode district and a reference', async () => {
      const body = warrant({
        reference: 'NEWC/W/2026/0001',
        locationArea: 'NE1',
        outcome: 'Executed at 06:05; 2 phones, 1 laptop seized; 3 children safeguarded (aged 4, 7 and 11).',
      });
      await t.http().post(url).set(officer).send(body).expect(201);
    });
  });
});
