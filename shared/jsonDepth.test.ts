import { jsonDepthExceeds, jsonTextDepthExceeds, MAX_JSON_DEPTH } from './jsonDepth';

const nested = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('jsonDepthExceeds', () => {
  it('accepts ordinary inputs up to the limit and refuses one level more', () => {
    expect(jsonDepthExceeds({ action: 'x', certificates: [{ type: 'a', number: '1' }] })).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds('x')).toBe(false);
    expect(jsonDepthExceeds(null)).toBe(false);
  });
  it('stops early on a hostile 6,000-level value', () => {
    expect(jsonDepthExceeds(nested(6000))).toBe(true);
  });
});

describe('jsonTextDepthExceeds', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonTextDepthExceeds(JSON.stringify({ name: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' }))).toBe(false);
    expect(jsonTextDepthExceeds(JSON.stringify({ s: 'a\\"[[[' }))).toBe(false);
    expect(jsonTextDepthExceeds(JSON.stringify(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTextDepthExceeds(JSON.stringify(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonTextDepthExceeds('['.repeat(6000) + ']'.repeat(6000))).toBe(true);
  });
});
