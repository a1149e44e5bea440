import { csvCell, toCsv } from './csv';

describe('CSV cells', () => {
  it('writes numbers, booleans and empty values plainly', () => {
    expect([csvCell(12), csvCell(-100), csvCell(28.1), csvCell(false), csvCell(null), csvCell(undefined)]).toEqual(['12', '-100', '28.1', 'false', '', '']);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('North, East')).toBe('"North, East"');
    expect(csvCell('the "NE" team')).toBe('"the ""NE"" team"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+44')).toBe("'+44");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('BCU-NE')).toBe('BCU-NE');
  });

  it('ends every line, the last included, with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, 2],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n,2\r\n');
  });
});

describe('csvCell for audit values', () => {
  it('writes objects as compact JSON, quoted', () => {
    expect(csvCell({ a: [1, 'x'] })).toBe('"{""a"":[1,""x""]}"');
  });
});
