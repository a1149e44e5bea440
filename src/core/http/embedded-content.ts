/**
 * Haven stores metadata only. These checks catch a file, an image or a document smuggled into a
 * text field: a data: URI, control or binary characters, base64, hex, URL-encoded bytes or
 * ascii85 (whole, or split by spaces, dots or line breaks, within one field or across a record's
 * fields), and the signatures of common file formats in what such encodings decode to.
 *
 * Every check is linear in the length of its input: each is a single pass, a fixed-width window,
 * or a regular expression whose every starting point fails or succeeds after a bounded number of
 * steps (a fixed-length literal, or one run of one character class that cannot overlap the next).
 * So a body of n characters costs O(n) with a small constant: each character is read a bounded
 * number of times (under twenty), a few milliseconds of CPU for the 64 KiB body limit, and no input
 * can stall the event loop. embedded-content.spec.ts times the worst case of each detector (under
 * 50 ms each, against 2.5 s and more for the quadratic data: pattern this replaced).
 */

/** One problem with one field: the field's path in the body and what is wrong, in words. */
export interface ContentProblem {
  field: string;
  message: string;
}

/**
 * How deep a body may nest. Haven's deepest body is a list of rows of flat records (3 levels);
 * 32 leaves room for any honest client while keeping every walker of the body (this one, the
 * class-transformer and class-validator recursion behind the validation pipe) far from the stack.
 */
export const MAX_BODY_DEPTH = 32;

const METADATA_ONLY = 'Haven stores metadata only';

// C0 controls but tab and line breaks, DEL, C1 controls (U+0080–U+009F: bytes read as latin-1),
// and what a decoder puts in place of bytes it could not read. One character class: linear.
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/;
// The text a document or image format begins with, where the format is text. Fixed literals: linear.
const TEXT_FILE_START = /%PDF-|GIF8[79]a|\{\\rtf|<\?xml|<svg[\s>/]|-----BEGIN [A-Z]/i;
// Fixed-length patterns: linear.
const ESCAPED_BYTE = /%[0-9a-f]{2}|\\x[0-9a-f]{2}/i;

/** A base64 run this long without a break is never words. */
const BASE64_RUN = 80;
/** The longest hex a field may hold in one piece: a SHA-256 digest. */
const DIGEST_HEX = 64;
/** The width of the window the base64 and ascii85 statistics are taken over (after separators go). */
const WINDOW = 64;

// What each ASCII character is, as bits, so the passes below cost one table look-up per character.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 4;
const HEX = 8;
const BASE64 = 16; // A–Z a–z 0–9 + /
const BASE64URL = 32; // and - _
const VOWEL = 64;
const MEDIA_TYPE = 128; // letters, digits, . + -
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let bits = 0;
  if (/[a-z]/.test(ch)) bits |= LOWER;
  if (/[A-Z]/.test(ch)) bits |= UPPER;
  if (/[0-9]/.test(ch)) bits |= DIGIT;
  if (/[0-9a-fA-F]/.test(ch)) bits |= HEX;
  if (/[A-Za-z0-9+/]/.test(ch)) bits |= BASE64;
  if (/[A-Za-z0-9+/_-]/.test(ch)) bits |= BASE64URL;
  if (/[aeiouy]/.test(ch)) bits |= VOWEL;
  if (/[A-Za-z0-9.+-]/.test(ch)) bits |= MEDIA_TYPE;
  ASCII[c] = bits;
}
const ALNUM = LOWER | UPPER | DIGIT;
const is = (c: number, bits: number) => c < 128 && (ASCII[c] & bits) !== 0;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * A data: URI: "data", optional spaces, ":", then a media type with a slash followed by ";" or
 * ",", or ";base64", or an immediate ",". Hand-scanned without backtracking: each "data" is read
 * forward once, and the next search starts where that read stopped (a later "data:" needs a ":",
 * which ends every read), so each character is read O(1) times.
 */
function hasDataUri(s: string): boolean {
  const lower = s.toLowerCase();
  const n = s.length;
  let from = 0;
  for (;;) {
    const at = lower.indexOf('data', from);
    if (at < 0) return false;
    let i = at + 4;
    while (i < n && isSpace(lower.charCodeAt(i))) i++;
    if (lower.charCodeAt(i) !== 58 /* : */) {
      from = at + 1;
      continue;
    }
    i++;
    while (i < n && isSpace(lower.charCodeAt(i))) i++;
    const typeStart = i;
    while (i < n && is(lower.charCodeAt(i), MEDIA_TYPE)) i++;
    const type = i > typeStart;
    while (i < n && isSpace(lower.charCodeAt(i))) i++;
    let subtype = false;
    const slash = lower.charCodeAt(i) === 47; /* / */
    if (slash) {
      i++;
      while (i < n && isSpace(lower.charCodeAt(i))) i++;
      const subStart = i;
      while (i < n && is(lower.charCodeAt(i), MEDIA_TYPE)) i++;
      subtype = i > subStart;
      while (i < n && isSpace(lower.charCodeAt(i))) i++;
    }
    const next = lower.charCodeAt(i);
    if ((next === 59 /* ; */ || next === 44) /* , */ && type && subtype) return true; // data:image/png; or ,
    if (next === 44 && !type && !slash) return true; // data:,
    if (next === 59) {
      i++;
      while (i < n && isSpace(lower.charCodeAt(i))) i++;
      if (lower.startsWith('base64', i)) return true; // data:;base64
    }
    from = Math.max(at + 1, i);
  }
}

/** Byte signatures of file formats, at a byte offset from the start of the file. */
const FILE_SIGNATURES: { name: string; bytes: number[]; at?: number }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive or Office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b, 0x08] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a bzip2 archive', bytes: [0x42, 0x5a, 0x68] },
  { name: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'a RIFF file (WebP, WAV, AVI)', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'a video or HEIC image (MP4, MOV)', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { name: 'a Matroska or WebM video', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { name: 'an Ogg file', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'an MP3 file', bytes: [0x49, 0x44, 0x33] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'an executable', bytes: [0x4d, 0x5a, 0x90, 0x00] },
  { name: 'an old Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'an SQLite database', bytes: [...Buffer.from('SQLite format 3')] },
];

/**
 * The base64 characters a signature always encodes to when the file is encoded from its start:
 * only characters whose six bits all come from the signature.
 */
function base64Of(bytes: number[], at: number): string {
  const encoded = Buffer.from([...new Array<number>(at).fill(0), ...bytes]).toString('base64');
  return encoded.slice(Math.ceil((at * 8) / 6), Math.floor(((at + bytes.length) * 8) / 6));
}

/**
 * Fixed strings looked for anywhere in a stream of character codes. A table of the strings each
 * first character can begin makes a position that begins none cost one look-up: O(n·k) for k
 * strings of at most 20 characters, and O(n) in practice.
 */
class SignatureTable {
  /** Per first character: 1 when some signature begins with it. */
  private readonly first = new Uint8Array(128);
  private readonly byFirst: { name: string; codes: number[] }[][] = Array.from({ length: 128 }, () => []);

  constructor(entries: { name: string; text: string }[]) {
    for (const e of entries) {
      const codes = [...e.text].map((ch) => ch.charCodeAt(0));
      this.first[codes[0]] = 1;
      this.byFirst[codes[0]].push({ name: e.name, codes });
    }
  }

  find(stream: Uint8Array, n: number): string | null {
    const first = this.first;
    for (let i = 0; i < n; i++) {
      if (first[stream[i]] === 0) continue;
      const candidates = this.byFirst[stream[i]];
      for (let k = 0; k < candidates.length; k++) {
        const codes = candidates[k].codes;
        if (i + codes.length > n) continue;
        let j = 1;
        while (j < codes.length && stream[i + j] === codes[j]) j++;
        if (j === codes.length) return candidates[k].name;
      }
    }
    return null;
  }
}

// Only signatures of four characters or more: shorter ones would turn up in words.
const BASE64_SIGNATURES = new SignatureTable(
  FILE_SIGNATURES.map((s) => ({ name: s.name, text: base64Of(s.bytes, s.at ?? 0) })).filter((s) => s.text.length >= 4),
);
const HEX_SIGNATURES = new SignatureTable(FILE_SIGNATURES.map((s) => ({ name: s.name, text: Buffer.from(s.bytes).toString('hex') })));

interface WindowRule {
  /** Minimum count in the window of lower, upper, digit and other characters. */
  min: [number, number, number, number];
  /** Minimum number of different letters (a and A count as two) in the window. */
  letters: number;
  /** Minimum number of neighbouring pairs in the window whose classes differ. */
  changes: number;
}

/** 0 lower, 1 upper, 2 digit, 3 anything else: the classes the window statistics count. */
const CLASS = new Uint8Array(128).map((_, c) => (ASCII[c] & LOWER ? 0 : ASCII[c] & UPPER ? 1 : ASCII[c] & DIGIT ? 2 : 3));
const VOWEL_AT = new Uint8Array(128).map((_, c) => (ASCII[c] & VOWEL ? 1 : 0));

/**
 * Whether any WINDOW-character stretch of a stream (ASCII codes) has the mix of an encoding of
 * bytes. Words have long same-class runs (lower-case letters), few capitals or digits, few
 * different capitals (a statute's "PACE s.18, PACE s.32" repeats four), and vowels; encoded bytes
 * mix all classes evenly, change class at about two neighbouring pairs in three, use many
 * different letters of each case, and only about one lower-case letter in five is a vowel (a, e,
 * i, o, u, y), against two in five in any run of words, even product names like "iPhone 13 Pro,
 * MacBook Pro M1". One pass with running counts, O(n).
 */
function anyWindowMatches(t: Uint8Array, n: number, rule: WindowRule): boolean {
  if (n < WINDOW) return false;
  const counts = [0, 0, 0, 0];
  const seen = new Uint16Array(128);
  let distinct = 0; // different letters (either case) in the window
  let changes = 0;
  let vowels = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const c = t[i];
    const k = CLASS[c];
    counts[k]++;
    vowels += VOWEL_AT[c];
    if (seen[c]++ === 0 && k <= 1) distinct++;
    if (prev >= 0 && prev !== k) changes++;
    prev = k;
    if (i >= WINDOW) {
      const gone = t[i - WINDOW];
      const g = CLASS[gone];
      counts[g]--;
      vowels -= VOWEL_AT[gone];
      if (--seen[gone] === 0 && g <= 1) distinct--;
      if (CLASS[t[i - WINDOW + 1]] !== g) changes--;
    }
    if (
      i >= WINDOW - 1 &&
      changes >= rule.changes &&
      counts[0] >= rule.min[0] &&
      counts[1] >= rule.min[1] &&
      counts[2] >= rule.min[2] &&
      counts[3] >= rule.min[3] &&
      distinct >= rule.letters &&
      vowels * 3 < counts[0]
    )
      return true;
  }
  return false;
}

// Random bytes in base64 give a 64-character window about 26 lower (5 of them vowels), 26 upper,
// 11 digits or + /, 33 different letters and 41 class changes; English gives about 55 lower (22
// vowels), 3 upper and 10 changes. The thresholds sit two to three standard deviations under the
// encoded mean, so a window of encoded bytes nearly always trips all of them and words trip few.
const BASE64_WINDOW: WindowRule = { min: [14, 14, 3, 0], letters: 20, changes: 30 };
// ascii85 (characters ! to u) adds punctuation: about 21 upper, 16 lower, 8 digits, 19 other.
const ASCII85_WINDOW: WindowRule = { min: [8, 10, 2, 8], letters: 16, changes: 36 };

/**
 * Hex split into pieces (bytes "89 50 4e", "%89%50", one digest after another): over a chain of
 * hex-only pieces separated by anything but letters and digits, more hex than a digest is file
 * content when it mixes letters and digits as bytes do (a sixth or more letters, and a class
 * change at three pairs in ten; seal numbers like AB123456 and plain numbers do not). Whole
 * digests are metadata: up to two stand side by side. One pass, O(n).
 */
function hexChainProblem(s: string): boolean {
  let digests = 0;
  let len = 0; // hex digits in the chain, whole digests aside
  let letters = 0;
  let changes = 0;
  let last = -1; // class (0 letter, 1 digit) of the chain's last counted digit
  let runStart = -1;
  let runHasWordLetter = false;
  let found = false;
  const endChain = () => {
    if (len + digests * DIGEST_HEX > DIGEST_HEX) {
      found = len === 0 ? digests > 2 : letters * 6 >= len && changes * 10 >= (len - 1) * 3;
    }
    digests = len = letters = changes = 0;
    last = -1;
  };
  for (let i = 0; i <= s.length && !found; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (is(c, ALNUM)) {
      if (runStart < 0) {
        runStart = i;
        runHasWordLetter = false;
      }
      if (!is(c, HEX)) runHasWordLetter = true;
      continue;
    }
    if (runStart < 0) continue;
    // A run of letters and digits has ended at i: a word (it has a letter after f) ends the chain.
    if (runHasWordLetter) endChain();
    else if (i - runStart === DIGEST_HEX) digests++;
    else {
      for (let j = runStart; j < i; j++) {
        const k = is(s.charCodeAt(j), DIGIT) ? 1 : 0;
        if (k === 0) letters++;
        if (last >= 0 && k !== last) changes++;
        last = k;
      }
      len += i - runStart;
    }
    runStart = -1;
  }
  if (!found) endChain();
  return found;
}

/** UUIDs are identifiers, not bytes: read as a word when a chain of them looked like hex. */
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

// Scratch space for the separator-free streams: the checks are synchronous, so one set serves all.
let scratch = { base64: new Uint8Array(1024), hex: new Uint8Array(1024), ascii85: new Uint8Array(1024) };

/**
 * The checks that hold however the content is spread: over the string with every separator
 * removed. Used on one field, and on a record's fields joined together. One pass builds the three
 * streams (base64 characters; letters and digits, lower-cased, for hex; ! to u for ascii85), then
 * each check is one pass over a stream.
 */
function encodedProblem(s: string): string | null {
  const n = s.length;
  if (n < 4) return null;
  if (scratch.base64.length < n) scratch = { base64: new Uint8Array(n), hex: new Uint8Array(n), ascii85: new Uint8Array(n) };
  const { base64, hex, ascii85 } = scratch;
  let nb = 0;
  let nh = 0;
  let na = 0;
  let hexDigits = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) continue;
    const bits = ASCII[c];
    if (bits & HEX) hexDigits++;
    if (bits & BASE64) base64[nb++] = c;
    if (bits & ALNUM) hex[nh++] = bits & UPPER ? c + 32 : c;
    if (c >= 33 && c <= 117) ascii85[na++] = c;
  }
  const b64sig = BASE64_SIGNATURES.find(base64, nb);
  if (b64sig) return `looks like the start of a file (${b64sig}, base64-encoded); ${METADATA_ONLY}`;
  const hexsig = HEX_SIGNATURES.find(hex, nh);
  if (hexsig) return `looks like the start of a file (${hexsig}, written as hex); ${METADATA_ONLY}`;
  if (anyWindowMatches(base64, nb, BASE64_WINDOW))
    return `looks like encoded file content (base64, even split by spaces, dots or line breaks); ${METADATA_ONLY}`;
  if (anyWindowMatches(ascii85, na, ASCII85_WINDOW)) return `looks like encoded file content (ascii85); ${METADATA_ONLY}`;
  if (hexDigits > DIGEST_HEX && hexChainProblem(s) && (!s.includes('-') || hexChainProblem(s.replace(UUID_ANYWHERE, 'uuid'))))
    return `looks like file bytes written as hex (more than a SHA-256 digest); ${METADATA_ONLY}`;
  return null;
}

/** The longest unbroken base64 (or base64url) run and hex run. One pass. */
function longestRuns(s: string): { base64: number; hex: number } {
  let base64 = 0;
  let hex = 0;
  let b = 0;
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const bits = c < 128 ? ASCII[c] : 0;
    b = bits & BASE64URL ? b + 1 : 0;
    h = bits & HEX ? h + 1 : 0;
    if (b > base64) base64 = b;
    if (h > hex) hex = h;
  }
  return { base64, hex };
}

/** %89 and \x89 escapes as the bytes they stand for; null when those bytes are not text. */
function decodeEscapes(s: string): string | null {
  const uri = s.replace(/\\x([0-9a-f]{2})/gi, '%$1').replace(/%(?![0-9a-f]{2})/gi, '%25');
  try {
    return decodeURIComponent(uri);
  } catch {
    return null; // bytes that are not UTF-8 text: binary
  }
}

/**
 * One native scan that finds nothing in ordinary text: only a string it matches needs the
 * plain-text checks below. Literals, one character class, and "data\s*:" (whose spaces belong to
 * one starting point only): linear.
 */
// Control characters are one of the problems it looks for.
const MAYBE_PLAIN_PROBLEM =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|data\s*:|%PDF-|GIF8[79]a|\{\\rtf|<\?xml|<svg[\s>/]|-----BEGIN [A-Z]|<~|%[0-9a-f]{2}|\\x[0-9a-f]{2}/i;

/** The checks of the text as written: control characters, a data: URI, a file's text, long runs. */
function plainProblem(value: string): string | null {
  if (MAYBE_PLAIN_PROBLEM.test(value)) {
    if (CONTROL.test(value)) return 'contains control or binary characters';
    if (hasDataUri(value)) return `looks like embedded content (a data: URI); ${METADATA_ONLY}`;
    const start = TEXT_FILE_START.exec(value);
    if (start) return `looks like the contents of a file (it contains "${start[0].trim()}"); ${METADATA_ONLY}`;
    const a85 = value.indexOf('<~');
    if (a85 >= 0 && value.lastIndexOf('~>') > a85) return `looks like encoded file content (ascii85); ${METADATA_ONLY}`;
    if (ESCAPED_BYTE.test(value)) {
      const decoded = decodeEscapes(value);
      if (decoded === null || CONTROL.test(decoded)) return `contains URL-encoded binary bytes; ${METADATA_ONLY}`;
      if (TEXT_FILE_START.test(decoded) || hasDataUri(decoded)) return `looks like the contents of a file, URL-encoded; ${METADATA_ONLY}`;
    }
  }
  if (value.length > DIGEST_HEX) {
    const runs = longestRuns(value);
    if (runs.hex > DIGEST_HEX) return `contains a hex run longer than a SHA-256 digest; ${METADATA_ONLY}`;
    if (runs.base64 >= BASE64_RUN) return `looks like encoded file content (a long base64 run); ${METADATA_ONLY}`;
  }
  return null;
}

/** What is wrong with one string value, or null when it is plain metadata. */
export function embeddedContentProblem(value: string): string | null {
  return plainProblem(value) ?? encodedProblem(value);
}

/** A value that is wholly an identifier or a date: never part of a payload split across fields. */
const IDENTIFIER_OR_DATE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)$/i;

/**
 * A property name in camelCase: every file signature above contains a digit or (in base64)
 * starts with a capital, and 64 characters are one window, so such a key cannot hold content.
 */
const PLAIN_KEY = /^[a-z][A-Za-z]{0,63}$/;

/**
 * Secrets are hashed or compared, never stored, so they cannot carry content, and a random one
 * (a password, the web forms' CSRF token) looks random.
 */
const SECRET_KEY = /password$|^_csrf$/i;

interface Entry {
  value: unknown;
  parent: string;
  key: string | number | null;
  depth: number;
  /** For a string already judged: its problem (null for none). */
  problem?: string | null;
}

const pathOf = (e: Pick<Entry, 'parent' | 'key'>) =>
  e.key === null ? e.parent : typeof e.key === 'number' ? `${e.parent}[${e.key}]` : e.parent ? `${e.parent}.${e.key}` : e.key;

/**
 * Every string in a JSON value that looks like embedded content, with its path; keys too. Each
 * object's (or array's) string fields are also judged together (joined by line breaks), so a
 * payload split across a record's fields is caught; a short field is judged only in that join, a long one on its
 * own too, so every character is scanned at most twice. The walk is iterative (a deep body cannot
 * overflow the stack) and refuses a body nested past MAX_BODY_DEPTH.
 */
export function findEmbeddedContent(value: unknown, path = ''): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const stack: Entry[] = [{ value, parent: path, key: null, depth: 0 }];
  while (stack.length) {
    const entry = stack.pop()!;
    const v = entry.value;
    if (typeof v === 'string') {
      const found = entry.problem === undefined ? embeddedContentProblem(v) : entry.problem;
      if (found) problems.push({ field: pathOf(entry) || '(body)', message: found });
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const here = pathOf(entry);
    if (entry.depth >= MAX_BODY_DEPTH) {
      return [{ field: here || '(body)', message: `is nested more than ${MAX_BODY_DEPTH} levels deep; no Haven request is shaped like that` }];
    }
    const depth = entry.depth + 1;
    const children: Entry[] = [];
    const joined: Entry[] = [];
    const addString = (item: string, key: string | number) => {
      const child: Entry = { value: item, parent: here, key, depth, problem: plainProblem(item) };
      if (!child.problem && item.length > WINDOW) child.problem = encodedProblem(item);
      children.push(child);
      if (!child.problem && item.length && !IDENTIFIER_OR_DATE.test(item)) joined.push(child);
    };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] === 'string') addString(v[i], i);
        else children.push({ value: v[i], parent: here, key: i, depth });
      }
    } else {
      for (const k of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[k];
        const keyProblem = plainProblem(k) ?? (PLAIN_KEY.test(k) ? null : encodedProblem(k));
        if (keyProblem) children.push({ value: k, parent: here, key: k, depth, problem: keyProblem });
        if (SECRET_KEY.test(k)) continue;
        if (typeof item === 'string') addString(item, k);
        else children.push({ value: item, parent: here, key: k, depth });
      }
    }
    if (joined.length) judgeTogether(here, joined, problems);
    // Reversed onto the stack, so problems come out in the body's order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return problems;
}

/**
 * A record's string fields (those with no problem of their own) judged as one text. Short fields
 * were judged only here: one that has the problem by itself is named; otherwise the fields are
 * named together.
 */
function judgeTogether(here: string, fields: Entry[], problems: ContentProblem[]): void {
  const problem = encodedProblem(fields.length === 1 ? (fields[0].value as string) : fields.map((f) => f.value).join('\n'));
  if (!problem) return;
  if (fields.length === 1) {
    fields[0].problem = problem;
    return;
  }
  let named = false;
  for (const f of fields) {
    const own = (f.value as string).length > WINDOW ? null : encodedProblem(f.value as string);
    if (own) {
      f.problem = own;
      named = true;
    }
  }
  if (named) return;
  const names = fields.length <= 6 ? fields.map((f) => (typeof f.key === 'number' ? `[${f.key}]` : f.key)).join(', ') : `${fields.length} values`;
  problems.push({ field: here || '(body)', message: `${names} together: ${problem}` });
}
