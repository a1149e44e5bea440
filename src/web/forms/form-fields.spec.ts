import { CreateWarrantDto } from '../../modules/warrants/dto/warrant.dto';
import { FieldDef, formToDto, friendlyMessage, readForm, valuesFromRecord } from './form-fields';

const FIELDS: FieldDef[] = [
  { name: 'reference', label: 'Reference', kind: 'text', required: true, emptyMessage: 'Enter the warrant reference' },
  { name: 'type', label: 'Power', kind: 'text', required: true },
  { name: 'executedAt', label: 'Executed', kind: 'datetime', nullable: true },
  { name: 'childrenSafeguarded', label: 'Children safeguarded', kind: 'number' },
  { name: 'outcome', label: 'Outcome', kind: 'textarea', nullable: true },
];

describe('reading a posted form', () => {
  it('turns strings into DTO input: London times, whole numbers, empty as not given', () => {
    const { input, errors } = readForm(
      FIELDS,
      {
        reference: 'W/1',
        type: 'PACE s.8',
        'executedAt-day': '1',
        'executedAt-month': '6',
        'executedAt-year': '2021',
        'executedAt-time': '6.05',
        childrenSafeguarded: ' 3 ',
        outcome: '',
      },
      'create',
    );
    expect(errors).toEqual([]);
    expect(input).toEqual({ reference: 'W/1', type: 'PACE s.8', executedAt: '2021-06-01T06:05:00+01:00', childrenSafeguarded: 3 });
  });

  it('clears an emptied optional field on an edit, and leaves a non-nullable one alone', () => {
    const { input } = readForm(FIELDS, { reference: 'W/1', type: 'x', outcome: '', childrenSafeguarded: '' }, 'update');
    expect(input).toEqual({ reference: 'W/1', type: 'x', executedAt: null, outcome: null });
  });

  it('says what is wrong with a date or time, the GOV.UK way', () => {
    const errs = (values: Record<string, string>) => readForm([FIELDS[2]], values, 'create').errors.map((e) => `${e.href}: ${e.text}`);
    expect(errs({ 'executedAt-day': '1', 'executedAt-year': '2021', 'executedAt-time': '06:00' })).toEqual(['executedAt-month: Executed must include a month']);
    expect(errs({ 'executedAt-day': '30', 'executedAt-month': '2', 'executedAt-year': '2021', 'executedAt-time': '06:00' })).toEqual([
      'executedAt-day: Executed must be a real date',
    ]);
    expect(errs({ 'executedAt-day': '1', 'executedAt-month': '2', 'executedAt-year': '2021' })).toEqual([
      'executedAt-time: Executed must include a time, like 06:30',
    ]);
    expect(errs({ 'executedAt-day': '1', 'executedAt-month': '2', 'executedAt-year': '2021', 'executedAt-time': '25:00' })).toEqual([
      'executedAt-time: Executed must have a real time in 24-hour format, like 06:30 or 17:45',
    ]);
    expect(errs({ 'executedAt-time': '06:00' })).toEqual(['executedAt-day: Executed must include a date']);
  });

  it("validates against the API's DTO and words its messages with the form's labels", async () => {
    const { dto, errors } = await formToDto(CreateWarrantDto, FIELDS, { reference: '', type: 'PACE s.8', childrenSafeguarded: '900' }, 'create');
    expect(dto).toBeNull();
    expect(errors.map((e) => e.text)).toEqual(['Enter the warrant reference', 'Children safeguarded must not be greater than 200']);
    const ok = await formToDto(CreateWarrantDto, FIELDS, { reference: ' W/2 ', type: 'PACE s.8' }, 'create');
    expect(ok.errors).toEqual([]);
    expect(ok.dto).toMatchObject({ reference: 'W/2', type: 'PACE s.8' });
  });

  it('shows a stored record in the form as London wall-clock values', () => {
    expect(
      valuesFromRecord(FIELDS, { reference: 'W/1', type: 'x', executedAt: new Date('2021-06-01T05:00:00Z'), childrenSafeguarded: 0, outcome: null }),
    ).toEqual({
      reference: 'W/1',
      type: 'x',
      'executedAt-day': '1',
      'executedAt-month': '6',
      'executedAt-year': '2021',
      'executedAt-time': '06:00',
      childrenSafeguarded: '0',
      outcome: '',
    });
  });

  it('puts the label in place of the property name', () => {
    expect(friendlyMessage(FIELDS[3], 'childrenSafeguarded', 'childrenSafeguarded must be an integer number')).toBe(
      'Children safeguarded must be an integer number',
    );
  });
});
