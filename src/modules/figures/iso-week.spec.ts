import { addWeeks, formatIsoWeek, isoWeekOfDate, mondayOf, parseIsoWeek, sameWeekLastYear, weeksInYear } from './iso-week';
import { percentChange } from './figures';

describe('ISO weeks', () => {
  it('knows which years have 53 weeks', () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2015)).toBe(53);
    expect(weeksInYear(2021)).toBe(52);
    expect(weeksInYear(2026)).toBe(53);
  });

  it('parses only real weeks', () => {
    expect(parseIsoWeek('2021-W09')).toEqual({ year: 2021, week: 9 });
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    for (const bad of ['2021-W53', '2021-W00', '2021-W9', '2021W09', '21-W09', '2021-w09', '']) expect(parseIsoWeek(bad)).toBeNull();
  });

  it('finds Mondays, including across year ends', () => {
    expect(mondayOf({ year: 2021, week: 9 })).toBe('2021-03-01');
    expect(mondayOf({ year: 2020, week: 53 })).toBe('2020-12-28');
    expect(mondayOf({ year: 2021, week: 1 })).toBe('2021-01-04');
    expect(mondayOf({ year: 2026, week: 1 })).toBe('2025-12-29');
    expect(formatIsoWeek(isoWeekOfDate('2021-01-03'))).toBe('2020-W53');
    expect(formatIsoWeek(isoWeekOfDate('2021-03-28'))).toBe('2021-W12');
  });

  it('steps weeks and finds the same week a year before', () => {
    expect(formatIsoWeek(addWeeks({ year: 2021, week: 1 }, -1))).toBe('2020-W53');
    expect(formatIsoWeek(addWeeks({ year: 2020, week: 53 }, 1))).toBe('2021-W01');
    expect(formatIsoWeek(sameWeekLastYear({ year: 2021, week: 9 }))).toBe('2020-W09');
    // 2020 has a week 53 and 2019 does not: the comparison falls back to 2019-W52.
    expect(formatIsoWeek(sameWeekLastYear({ year: 2020, week: 53 }))).toBe('2019-W52');
    expect(formatIsoWeek(sameWeekLastYear({ year: 2027, week: 1 }))).toBe('2026-W01');
  });

  it('gives percent change, or null when the week before was zero', () => {
    expect(percentChange(64, 82)).toBe(28.1);
    expect(percentChange(10, 5)).toBe(-50);
    expect(percentChange(0, 5)).toBeNull();
  });
});
