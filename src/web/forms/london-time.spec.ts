import { formatDate, formatDateTime, isRealDate, londonDate, londonParts, londonToIso } from './london-time';

describe('London wall-clock times', () => {
  it('gives the offset in force: GMT in winter, BST in summer', () => {
    expect(londonToIso(2021, 3, 1, 6, 0)).toBe('2021-03-01T06:00:00+00:00');
    expect(londonToIso(2021, 6, 1, 6, 0)).toBe('2021-06-01T06:00:00+01:00');
    expect(new Date(londonToIso(2021, 6, 1, 6, 0)).toISOString()).toBe('2021-06-01T05:00:00.000Z');
  });

  it('handles the days the clocks change', () => {
    // 28 March 2021: 01:00 GMT became 02:00 BST. 00:30 is GMT, 03:00 is BST.
    expect(londonToIso(2021, 3, 28, 0, 30)).toBe('2021-03-28T00:30:00+00:00');
    expect(londonToIso(2021, 3, 28, 3, 0)).toBe('2021-03-28T03:00:00+01:00');
    // 31 October 2021: 02:00 BST became 01:00 GMT; 12:00 that day is GMT.
    expect(londonToIso(2021, 10, 31, 12, 0)).toBe('2021-10-31T12:00:00+00:00');
  });

  it('reads instants back as London wall-clock parts and text', () => {
    expect(londonParts(new Date('2021-06-01T05:00:00Z'))).toEqual({ year: 2021, month: 6, day: 1, hour: 6, minute: 0 });
    expect(londonParts(new Date('2021-12-31T23:30:00Z'))).toEqual({ year: 2021, month: 12, day: 31, hour: 23, minute: 30 });
    expect(formatDateTime('2021-06-01T05:00:00Z')).toBe('1 June 2021 at 6:00am');
    expect(formatDateTime(new Date('2021-03-01T12:05:00Z'))).toBe('1 March 2021 at 12:05pm');
    expect(formatDateTime(new Date('2021-03-01T00:00:00Z'))).toBe('1 March 2021 at 12:00am');
    expect(formatDate('2021-03-07')).toBe('7 March 2021');
    expect(londonDate(new Date('2021-06-30T23:30:00Z'))).toBe('2021-07-01');
  });

  it('knows real dates', () => {
    expect(isRealDate(2021, 2, 28)).toBe(true);
    expect(isRealDate(2021, 2, 29)).toBe(false);
    expect(isRealDate(2020, 2, 29)).toBe(true);
    expect(isRealDate(2021, 13, 1)).toBe(false);
  });
});
