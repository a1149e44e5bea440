import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { embeddedContentProblem, findEmbeddedContent, MAX_BODY_DEPTH } from './embedded-content';

/** Bytes that look random but are the same on every run. */
function bytes(n: number, seed = 'haven'): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), bytes(200, 'png')]);
const mimeLines = (b: Buffer) => b.toString('base64').replace(/(.{76})/g, '$1\r\n');
const groups = (s: string, size: number, sep: string) => s.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);
function ascii85(b: Buffer): string {
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    let n = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    const five: string[] = [];
    for (let j = 0; j < 5; j++, n = Math.floor(n / 85)) five.unshift(String.fromCharCode(33 + (n % 85)));
    out += five.join('');
  }
  return out;
}

describe('metadata-only input rules', () => {
  it.each([
    ['a data: URI', 'see data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=='],
    ['a data: URI without base64', 'data:text/plain,hello'],
    ['a long base64 run', 'Zm9v'.repeat(25)],
    ['a hex run longer than a digest', 'a'.repeat(65)],
    ['a NUL byte', 'abc\u0000def'],
    ['other control bytes', 'abc\u0007def'],
    ['a replacement character from binary', 'abc\uFFFDdef'],
  ])('refuses %s', (_name, value) => {
    expect(embeddedContentProblem(value)).not.toBeNull();
  });

  it.each([
    ['a SHA-256 digest', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['an exhibit label', 'JS/1'],
    ['ordinary text with newlines', 'Seized from the loft.\nBagged and sealed.'],
    ['a uuid', '2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b'],
    ['a date-time', '2021-03-28T00:30:00+00:00'],
  ])('accepts %s', (_name, value) => {
    expect(embeddedContentProblem(value)).toBeNull();
  });

  it('finds the offending field anywhere in a body, including keys', () => {
    const found = findEmbeddedContent({ a: 'fine', nested: { list: ['ok', 'data:image/gif;base64,R0lGOD'] }, ['A'.repeat(90)]: 1 });
    expect(found.map((f) => f.field)).toEqual(['nested.list[1]', 'A'.repeat(90)]);
  });
});

describe('metadata-only: content written to get past the rules (pen test, issue 13)', () => {
  const MUST_REFUSE: [string, string][] = [
    ['MIME base64 in 76-character lines', mimeLines(bytes(300))],
    ['MIME base64 of a PNG in 76-character lines', mimeLines(PNG)],
    ['base64 split by spaces every 4 characters', groups(bytes(120).toString('base64'), 4, ' ')],
    ['base64 split by dots every 8 characters', groups(bytes(120).toString('base64'), 8, '.')],
    ['base64 split by a dot after every character', groups(bytes(90).toString('base64'), 1, '.')],
    ['hex bytes separated by spaces', groups(bytes(48).toString('hex'), 2, ' ')],
    ['hex of a PNG, a few bytes only', groups(PNG.subarray(0, 12).toString('hex'), 2, ' ')],
    ['hex in 4-digit groups (xxd)', groups(bytes(48).toString('hex'), 4, ' ')],
    ['URL-encoded bytes', [...PNG.subarray(0, 40)].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')],
    ['URL-encoded bytes of no known format', [...bytes(24)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')],
    ['backslash-x escaped bytes', [...PNG.subarray(0, 16)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')],
    ['ascii85 between <~ and ~>', `<~${ascii85(bytes(40))}~>`],
    ['ascii85 without delimiters', ascii85(bytes(160))],
    ['ascii85 in 20-character lines', groups(ascii85(bytes(160)), 20, '\n')],
    ['a C1 control character (NEL)', 'Seized\u0085from the loft'],
    ['a C1 control character (CSI)', 'abc\u009b31mdef'],
    ['a data: URI with a space before the colon', `data :image/png;base64,${PNG.toString('base64').slice(0, 40)}`],
    ['a data: URI with spaces everywhere', 'DATA : image / png ; base64 , iVBORw0KGgo'],
    ['a data: URI with only ;base64', 'data:;base64,SGVsbG8='],
    ['a data: URI with no media type', 'data:,Hello%2C%20World'],
    ['the base64 of a gzip file, short', gzipSync(Buffer.from('a secret document')).toString('base64').slice(0, 20)],
    ['the base64 of a JPEG, short', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]).toString('base64')],
    ['the base64 of a PDF, after a word', `note ${Buffer.from('%PDF-1.7\n%\xe2\xe3').toString('base64')}`],
    ['a PDF as text', '%PDF-1.4 1 0 obj << /Type /Catalog >> endobj'],
    ['an SVG image', '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'],
    ['a PEM block', '-----BEGIN CERTIFICATE----- MIIB'],
    ['three SHA-256 digests side by side', [1, 2, 3].map((i) => bytes(32, `d${i}`).toString('hex')).join(' ')],
    [
      'base64 of English text',
      Buffer.from('The suspect said that the files were on the laptop in the loft, under the boards by the water tank.').toString('base64'),
    ],
  ];

  const MUST_PASS: [string, string][] = [
    ['a note with a few numbers', 'Two phones and a laptop seized from the loft at 06:15; 3 children safeguarded and referred to MASH.'],
    ['Title Case with numbers', 'Seized From The Loft At 0600 By DC Smith, Phone Seized From Bedroom 2, Laptop 3 From Kitchen Drawer 4, Tablet 5'],
    ['UK postcodes', 'NE1 4XY, NE2 3AB, NE3 5CD, NE4 6EF, NE5 7GH, NE6 8JK, NE7 9LM, NE8 1NP, SW1A 1AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT'],
    ['a postcode district', 'SW1A'],
    ['a warrant reference', 'NEWC/W/2026/0001'],
    ['a list of references', 'NEWC/W/2026/0001 NEWC/W/2026/0002 NEWC/W/2026/0003 NEWC/W/2026/0004 NEWC/W/2026/0005 NEWC/W/2026/0006'],
    [
      'seal numbers that happen to be hex',
      'Seal numbers AB123456, AB123457, AB123458, AB123459, AB123460, AB123461, AB123462, AB123463, AB123464 and AB123465 applied.',
    ],
    ['dates and times', 'Visited 28/03/2026 10:30, Monday 28 March 2026; next review 2026-04-11T09:00:00+01:00.'],
    ['a SHA-256 digest', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a SHA-256 digest in upper case', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'],
    [
      'two digests in a sentence',
      'Hashes e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 and 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8 match.',
    ],
    [
      'two digests side by side',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
    ],
    ['several record ids', 'Linked to 2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b, 3f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b, 4f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b'],
    ['phone numbers and IMEIs', 'Phones 07700 900123, 07700 900456, 07700 900789; IMEI 490154203237518, 356938035643809, 012345678901237'],
    ['a web address', 'See https://www.example.org/Guidance/OnlineSafety?Section=3&Ref=AbC12 for the guidance on Referral Handling.'],
    ['a web address with escapes', 'https://www.example.org/some%20page?q=caf%C3%A9'],
    ['a percentage', 'About 50% of the devices were encrypted; 100%.'],
    ['the word data and a colon', 'Metadata: two phones, one laptop; data: none recovered on site.'],
    ['capitals', 'SUSPECT REF NE/S/2026/00123 ARRESTED AT 06:05 UNDER S.1 PCA 1978 AND CONVEYED TO ETAL LANE CUSTODY'],
    ['a short sentence with brackets', 'The grandmother was present; all three children (aged 4, 7 and 11) were taken to a place of safety by CSC at 07:40.'],
    ['product names', 'iPhone 13 Pro Max, iPad Air 4th Gen, MacBook Pro M1 2020, Samsung Galaxy S21 Ultra 5G, OnePlus 9 Pro, Pixel 6a'],
    ['an offence code', 'CJ03025'],
    ['a suspect reference', 'NE/S/2026/00123'],
    ['statute citations', 'Searched under PACE s.18 and s.32, seized under PACE s.19; PACE s.8 PACE s.8 PACE s.8 PACE s.8 PACE s.8 PACE s.8'],
    ['accented names', 'Visit by PC Zoë Łukasik and DS Ñúñez; Mrs O’Brien notified.'],
  ];

  it.each(MUST_REFUSE)('refuses %s', (_name, value) => {
    expect(embeddedContentProblem(value)).not.toBeNull();
  });

  it.each(MUST_PASS)('accepts %s', (_name, value) => {
    expect(embeddedContentProblem(value)).toBeNull();
  });

  it('judges a record’s fields together: a gzip+base64 payload split across reference, type and outcome', () => {
    const payload = gzipSync(bytes(150, 'doc')).toString('base64');
    // Cut so that no field holds the gzip signature or a long enough run by itself.
    const warrant = {
      operationId: '2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b',
      reference: payload.slice(0, 2),
      type: payload.slice(2, 40),
      status: 'executed',
      outcome: payload.slice(40, 100),
    };
    for (const field of ['reference', 'type', 'outcome'] as const) expect(embeddedContentProblem(warrant[field])).toBeNull();
    const found = findEmbeddedContent(warrant);
    expect(found).toEqual([
      { field: '(body)', message: expect.stringMatching(/^reference, type, status, outcome together: looks like the start of a file \(a gzip archive/) },
    ]);
    // The same across the fields of a nested row.
    expect(findEmbeddedContent({ rows: [warrant] })[0].field).toBe('rows[0]');
  });

  it('judges random base64 split across fields, with no signature to find', () => {
    const b = bytes(120, 'split').toString('base64');
    expect(findEmbeddedContent({ reference: b.slice(0, 40), type: b.slice(40, 100), outcome: b.slice(100) })).toHaveLength(1);
  });

  it('judges the strings of an array together too', () => {
    const pieces = groups(bytes(120, 'array').toString('base64'), 4, ' ').split(' ');
    expect(pieces.every((p) => embeddedContentProblem(p) === null)).toBe(true);
    expect(findEmbeddedContent({ agenciesNotified: pieces })).toEqual([
      { field: 'agenciesNotified', message: expect.stringMatching(/^\d+ values together: looks like encoded file content/) },
    ]);
    expect(findEmbeddedContent({ agenciesNotified: ['Police', "Children's social care", 'NSPCC', 'School'] })).toEqual([]);
  });

  it('keeps ordinary records passing when their fields are judged together', () => {
    const warrant = {
      operationId: '2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b',
      reference: 'NEWC/W/2026/0001',
      type: 'PCA 1978 s.4',
      status: 'executed',
      grantedAt: '2026-02-26T10:00:00Z',
      executedAt: '2026-03-01T06:00:00+00:00',
      locationArea: 'NE1',
      childrenSafeguarded: 2,
      outcome: 'Two phones and a laptop seized; suspect arrested at 06:05 and conveyed to custody.',
    };
    const exhibit = {
      operationId: '2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b',
      warrantId: '3f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b',
      reference: 'JS/1',
      itemType: 'phone',
      seizedAt: '2026-03-01T06:20:00Z',
      sealNumber: 'AB123456',
      description: 'Black Samsung Galaxy S21, cracked screen, SIM removed',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    };
    expect(findEmbeddedContent(warrant)).toEqual([]);
    expect(findEmbeddedContent(exhibit)).toEqual([]);
    expect(findEmbeddedContent({ rows: MUST_PASS.map(([, note]) => ({ reference: 'NE/R/2026/0042', note })) })).toEqual([]);
  });

  it('leaves passwords and CSRF tokens out (never stored): a long random one is not content', () => {
    expect(findEmbeddedContent({ username: 'ne.officer', password: bytes(60).toString('base64') })).toEqual([]);
    const form = {
      _csrf: bytes(32, 'csrf').toString('base64url'),
      version: '1',
      reference: 'W/3FA9C2B1',
      type: 'PACE s.8 '.repeat(7),
      locationArea: 'NE2',
      childrenSafeguarded: '3',
    };
    expect(findEmbeddedContent(form)).toEqual([]);
  });

  it(`refuses a body nested more than ${MAX_BODY_DEPTH} levels deep, without recursion`, () => {
    const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
    expect(findEmbeddedContent(deep)).toEqual([{ field: expect.any(String), message: expect.stringContaining(`more than ${MAX_BODY_DEPTH} levels`) }]);
    let ok: unknown = 'fine';
    for (let i = 0; i < MAX_BODY_DEPTH - 1; i++) ok = { a: ok };
    expect(findEmbeddedContent(ok)).toEqual([]);
  });
});

describe('metadata-only: every check is linear (a 64 KiB worst case each, under 50 ms)', () => {
  const N = 64 * 1024;
  const fill = (unit: string, head = '') => (head + unit.repeat(Math.ceil(N / unit.length))).slice(0, N);
  // CPU time (what a check holds the event loop for), not wall time, which on a shared CI machine
  // also counts the time spent waiting for a core; the median of three, after one compiling run
  // (as on a running server).
  const median = (f: () => unknown) => {
    f();
    const times = [0, 1, 2].map(() => {
      const t0 = process.cpuUsage();
      f();
      const used = process.cpuUsage(t0);
      return (used.user + used.system) / 1000;
    });
    return times.sort((a, b) => a - b)[1];
  };

  it.each([
    ['data: URI: "data:" then dots (the pen test’s stall)', fill('.', 'data:')],
    ['data: URI: "data:" then media-type characters', fill('a', 'data:')],
    ['data: URI: "data:" repeated', fill('data:')],
    ['data: URI: "data :a" repeated', fill('data :a')],
    ['data: URI: "data" then spaces', fill(' ', 'data')],
    ['control characters: clean text', fill('Seized from the loft. ')],
    ['a file’s text: "<sv" repeated', fill('<sv')],
    ['ascii85 delimiters: "<~" repeated', fill('<~')],
    ['unbroken runs: 79 base64 characters then a space', fill(`${'aB3'.repeat(26)}a `)],
    ['unbroken runs: 64 hex digits then a space', fill(`${'a'.repeat(64)} `)],
    ['escaped bytes: "%41" repeated', fill('%41')],
    ['escaped bytes: "%4" repeated', fill('%4')],
    ['escaped bytes: "\\x4" repeated', fill('\\x4')],
    ['signatures: a PNG signature but its last character, repeated', fill('iVBORw0KGg ')],
    ['signatures: "SQLite format" but its last byte in hex, repeated', fill(`${Buffer.from('SQLite format ').toString('hex')} `)],
    ['base64 window: words', fill('Two phones seized from the loft. ')],
    ['base64 window: product names', fill('iPhone 13 Pro Max, MacBook Pro M1 2020, ')],
    ['ascii85 window: punctuation-heavy text', fill('!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstu')],
    ['hex chain: two-digit groups of letters', fill('ab ')],
    ['hex chain: uuids (read again as words)', fill('2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b ')],
    ['hex chain: almost-uuids', fill('00000000-0000-0000-0000-00000000000 ')],
  ])('%s', (_name, value) => {
    expect(value.length).toBe(N);
    expect(median(() => embeddedContentProblem(value))).toBeLessThan(50);
  });

  it.each([
    ['a record of 6,000 short fields (judged together too)', () => Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, 'ab1']))],
    ['an array of 20,000 strings', () => Array.from({ length: 20000 }, () => 'x')],
    ['32,000 levels of nesting', () => JSON.parse('['.repeat(32000) + ']'.repeat(32000))],
    [
      '1,000 rows of a CSV-style import',
      () => ({ rows: Array.from({ length: 1000 }, (_, i) => ({ source: 'NCA', reference: `NCA-${i}`, riskGrade: 'high' })) }),
    ],
  ])('the walk over %s', (_name, make) => {
    const body = make();
    expect(median(() => findEmbeddedContent(body))).toBeLessThan(50);
  });
});
