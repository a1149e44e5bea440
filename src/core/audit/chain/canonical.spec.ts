import { createHash } from 'node:crypto';
import { GENESIS_HASH, linkHash } from './canonical';

describe('link hash', () => {
  it('is SHA-256 over the previous hash, a newline and the canonical text, as the database computes it', () => {
    const canonical = '["7", "1614556800000000", null, "officer", null, "view", "exhibit", null, null, null, "success", null, null, null]';
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    expect(linkHash(GENESIS_HASH, canonical)).toBe(expected);
  });

  it('changes when the event or the previous link changes', () => {
    const a = linkHash(GENESIS_HASH, '["1"]');
    expect(linkHash(GENESIS_HASH, '["2"]')).not.toBe(a);
    expect(linkHash('f'.repeat(64), '["1"]')).not.toBe(a);
    expect(linkHash(GENESIS_HASH, '["1"]')).toBe(a);
  });

  it('hashes a form-2 record as its bytes, exactly', () => {
    const record = Buffer.from([0, 0, 0, 14, 0, 0, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7, 0xff, 0x0a]);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${GENESIS_HASH}\n`), record]))
      .digest('hex');
    expect(linkHash(GENESIS_HASH, record)).toBe(expected);
    // Not the same as hashing those bytes read as text (0xff is not UTF-8).
    expect(linkHash(GENESIS_HASH, record.toString('latin1'))).not.toBe(expected);
  });
});
