import { base32Decode, base32Encode, hotp, verifyTotp } from './totp';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  const rfcKey = Buffer.from('12345678901234567890');

  it('matches the RFC 6238 SHA-1 test vectors (8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, expected] of vectors) expect(hotp(rfcKey, BigInt(Math.floor(seconds / 30)), 8)).toBe(expected);
  });

  it('matches the RFC 4226 HOTP vectors (6 digits)', () => {
    expect([0, 1, 2, 9].map((c) => hotp(rfcKey, BigInt(c)))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('round-trips base32 and accepts a code one step either side, nothing further', () => {
    const secret = base32Encode(rfcKey);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret)).toEqual(rfcKey);
    const now = 59_000;
    const code = hotp(rfcKey, 1n);
    expect(verifyTotp(secret, code, now)).toBe(1n);
    expect(verifyTotp(secret, code, now + 30_000)).toBe(1n);
    expect(verifyTotp(secret, code, now + 90_000)).toBeNull();
    expect(verifyTotp(secret, '12345', now)).toBeNull();
  });
});
