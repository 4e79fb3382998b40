import { hash53, hashKey, rng, rngFromString } from './random';

describe('shared PRNG', () => {
  it('mulberry32 gives the same sequence as the seed has always used', () => {
    const r = rng(42);
    expect([r.next(), r.next(), r.next()].map((x) => x.toFixed(8))).toEqual(['0.60110375', '0.44829056', '0.85246579']);
  });
  it('shuffle is a seeded permutation that leaves its input alone', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const a = rng(7).shuffle(xs);
    expect(a).toEqual(rng(7).shuffle(xs));
    expect([...a].sort((x, y) => x - y)).toEqual(xs);
    expect(a).not.toEqual(xs);
    expect(xs[0]).toBe(0);
  });
  it('string seeds and keys are stable and spread', () => {
    expect(rngFromString('att:1').next()).toBe(rngFromString('att:1').next());
    expect(rngFromString('att:1').next()).not.toBe(rngFromString('att:2').next());
    expect(hash53('abc')).toBe(hash53('abc'));
    expect(hashKey('abc')).toMatch(/^[0-9a-z]{22}$/);
    const keys = new Set(Array.from({ length: 5000 }, (_, i) => hashKey(`stem ${i}`)));
    expect(keys.size).toBe(5000);
  });
});
