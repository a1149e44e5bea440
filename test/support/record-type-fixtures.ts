/**
 * One valid record of each record type, as the API and as the web form take it, for the tests
 * that walk every record type (the authorization matrix). Keyed by entity type; a record type
 * of src/modules/record-types.ts without an entry here fails those tests, so adding a record
 * type means adding its entry.
 */
export interface RecordTypeFixture {
  /** A create body; `ids` holds the ids of the records made before it, by path. */
  body(ids: Record<string, string>): Record<string, unknown>;
  /**
   * A complete web form. No operation or warrant link: from another borough that reference is
   * itself unusable (422), which would hide the 404 being tested.
   */
  webForm: Record<string, string>;
}

const london = (name: string, day: string) => ({ [`${name}-day`]: day, [`${name}-month`]: '3', [`${name}-year`]: '2021', [`${name}-time`]: '09:00' });

export const RECORD_TYPE_FIXTURES: Record<string, RecordTypeFixture> = {
  operation: {
    body: () => ({ name: 'MATRIX', reference: 'OP/MATRIX', startsOn: '2021-03-01' }),
    webForm: { name: 'MATRIX', reference: 'OP/MATRIX', 'startsOn-day': '1', 'startsOn-month': '3', 'startsOn-year': '2021', status: 'active' },
  },
  warrant: {
    body: (ids) => ({ operationId: ids.operations, reference: 'W/M/1', type: 'PACE s.8', status: 'executed', executedAt: '2021-03-02T06:00:00Z' }),
    webForm: { reference: 'W/M/1', type: 'PACE s.8', status: 'executed', ...london('executedAt', '2') },
  },
  arrest: {
    body: (ids) => ({ warrantId: ids.warrants, arrestedAt: '2021-03-02T07:00:00Z', suspectRef: 'SUS-M1', offenceCode: '86/1' }),
    webForm: { suspectRef: 'SUS-M1', offenceCode: '86/1', ...london('arrestedAt', '2') },
  },
  exhibit: {
    body: (ids) => ({ warrantId: ids.warrants, reference: 'MX/1', itemType: 'phone', seizedAt: '2021-03-02T08:00:00Z' }),
    webForm: { reference: 'MX/1', itemType: 'phone', ...london('seizedAt', '2') },
  },
  safeguarding_visit: {
    body: () => ({ visitedAt: '2021-03-03T10:00:00Z', childrenSafeguarded: 1 }),
    webForm: { childrenSafeguarded: '1', ...london('visitedAt', '3') },
  },
  referral: {
    body: () => ({ source: 'NCA', reference: 'NCA/M/1', receivedAt: '2021-03-01T09:00:00Z', riskGrade: 'high' }),
    webForm: { source: 'NCA', reference: 'NCA/M/1', riskGrade: 'high', ...london('receivedAt', '1') },
  },
};

/** The fixture of a record type, or an error that says what to add. */
export function fixtureOf(entityType: string): RecordTypeFixture {
  const f = RECORD_TYPE_FIXTURES[entityType];
  if (!f) throw new Error(`test/support/record-type-fixtures.ts has no fixture for the record type '${entityType}'`);
  return f;
}
