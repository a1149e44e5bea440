import { canonicalEvent, canonicalJson, ChainedEvent, GENESIS_HASH, linkHash } from './canonical';

const event: ChainedEvent = {
  seq: '7', at_us: '1614556800000000', actor_id: null, actor_role: 'officer', actor_unit_id: null, action: 'view',
  entity_type: 'exhibit', entity_id: '2f1c6a0e-3a6f-4d7b-9b0a-0c1d2e3f4a5b', request_id: 'r1', ip: '127.0.0.1',
  outcome: 'success', purpose: null, changes: { b: [1, 2], a: [null, 'x'] }, details: null,
};

describe('canonical form and link hash', () => {
  it('sorts object keys at every depth, so key order never changes the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}');
    const reordered = { ...event, changes: { a: [null, 'x'], b: [1, 2] } };
    expect(linkHash(GENESIS_HASH, reordered)).toBe(linkHash(GENESIS_HASH, event));
  });

  it('changes the hash when any protected field or the previous link changes', () => {
    const base = linkHash(GENESIS_HASH, event);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [{ outcome: 'failure' }, { at_us: '1614556800000001' }, { actor_role: 'supervisor' }, { changes: { a: [null, 'y'] } }, { seq: '8' }]) {
      expect(linkHash(GENESIS_HASH, { ...event, ...change } as ChainedEvent)).not.toBe(base);
    }
    expect(linkHash('f'.repeat(64), event)).not.toBe(base);
  });

  it('tells null apart from a missing value and from the string "null"', () => {
    expect(canonicalEvent({ ...event, purpose: 'null' })).not.toBe(canonicalEvent(event));
  });
});
