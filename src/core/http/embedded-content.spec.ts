import { embeddedContentProblem, findEmbeddedContent } from './embedded-content';

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
