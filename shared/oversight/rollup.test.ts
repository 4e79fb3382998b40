import { examTotals, lastWeeks, ovId, periodsOf, placeNodes, planMoves, rate } from './rollup';

describe('oversight rollup keys', () => {
  it('an event belongs to all-time, its ISO week and its month in Shanghai', () => {
    // 2026-12-31T16:30Z is 2027-01-01 00:30 in Shanghai: ISO week 2026-W53, month 2027-01.
    expect(periodsOf(Date.parse('2026-12-31T16:30:00Z'))).toEqual(['all', 'w2026-W53', 'm2027-01']);
  });

  it('a town enterprise has 9 nodes: itself, 4 regions and 4 region × industry, each with its parent', () => {
    const nodes = placeNodes({ enterpriseId: 'E1', regionCode: '370481001', industry: 'textile' });
    expect(nodes.map((n) => [n.node, n.parent])).toEqual([
      ['e:E1', 'r:370481001'],
      ['r:37', 'r:'],
      ['ri:37:textile', 'ind:37'],
      ['r:3704', 'r:37'],
      ['ri:3704:textile', 'ind:3704'],
      ['r:370481', 'r:3704'],
      ['ri:370481:textile', 'ind:370481'],
      ['r:370481001', 'r:370481'],
      ['ri:370481001:textile', 'ind:370481001'],
    ]);
    // Without an industry (an old learner document) the region × industry nodes are skipped.
    expect(placeNodes({ enterpriseId: 'E1', regionCode: '370481', industry: null })).toHaveLength(4);
  });

  it('merges moves per document and drops documents whose deltas cancel out (a transfer inside one county)', () => {
    const at = Date.parse('2026-12-02T02:00:00Z');
    const planned = planMoves([
      { place: { enterpriseId: 'A', regionCode: '370481', industry: 'textile' }, at, inc: { persons: -1, leavers: 1 } },
      { place: { enterpriseId: 'B', regionCode: '370481', industry: 'textile' }, at, inc: { persons: 1, joined: 1 } },
    ]);
    expect(planned.get(ovId('e:A', 'all'))?.inc).toEqual({ persons: -1, leavers: 1 });
    expect(planned.get(ovId('r:370481', 'w2026-W49'))?.inc).toEqual({ persons: 0, leavers: 1, joined: 1 });
    expect(planned.size).toBe(2 * 3 + 6 * 3);
    expect(planned.get(ovId('e:B', 'm2026-12'))?.meta).toMatchObject({ kind: 'ov', level: 'enterprise', parent: 'r:370481', period: 'm2026-12' });
  });

  it('rates, week lists and exam totals', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(5, 0)).toBe(0);
    expect(lastWeeks(Date.parse('2027-01-06T02:00:00Z'), 3)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(examTotals({ examTakers_county: 3, examPassed_county: 2, examFailed_county: 1, examTakers_province: 1, examPassed_province: 1 })).toEqual({ takers: 4, passed: 3, failed: 1 });
  });
});
