import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsoDate, IsoDateTime } from './validators';

class Sample {
  @IsoDateTime({ optional: true })
  at?: string;

  @IsoDate({ optional: true })
  on?: string;
}

const errorsFor = (body: object) => validateSync(plainToInstance(Sample, body)).map((e) => e.property);

describe('date validators', () => {
  it.each(['2021-03-28T00:30:00Z', '2021-10-31T01:30:00+01:00', '1999-12-31T23:59:59.999-05:00'])('accept the instant %s', (at) => {
    expect(errorsFor({ at })).toEqual([]);
  });

  it.each([
    ['year 10000 once the offset is applied', '9999-12-31T23:59:58.987-12:00'],
    ['a year before 1900', '1899-12-31T23:00:00Z'],
    ['no offset', '2021-03-01T06:00:00'],
    ['an impossible day', '2021-02-30T06:00:00Z'],
  ])('refuse %s', (_why, at) => {
    expect(errorsFor({ at })).toEqual(['at']);
  });

  it('bounds calendar dates too', () => {
    expect(errorsFor({ on: '2021-03-01' })).toEqual([]);
    expect(errorsFor({ on: '3000-01-01' })).toEqual(['on']);
  });
});
