import { compareRows, competitionRanks, learningScore, metricValue, rankingInputs } from './ranking';

describe('ranking metrics', () => {
  const all = { persons: 20, completions: 30, points: 1005, learners: 12, examTakers_county: 10, examPassed_county: 7, examTakers_enterprise: 2, examPassed_enterprise: 2 };
  it('computes completion rate, average points and pass rate from the all-time node', () => {
    const x = rankingInputs(all, all);
    expect(x).toEqual({ persons: 20, completions: 30, points: 1005, learners: 12, examTakers: 12, examPassed: 9 });
    expect(metricValue('completionRate', x)).toBe(1.5);
    expect(metricValue('avgPoints', x)).toBe(50.3);
    expect(metricValue('passRate', x)).toBe(0.75);
  });
  it('a week divides the week’s counters by the all-time staff; zero denominators give 0', () => {
    const x = rankingInputs(all, { persons: -1, completions: 5, points: 40 });
    expect(x.persons).toBe(20);
    expect(metricValue('completionRate', x)).toBe(0.25);
    expect(metricValue('avgPoints', x)).toBe(2);
    expect(metricValue('passRate', x)).toBe(0);
    const none = rankingInputs(undefined, undefined);
    for (const m of ['completionRate', 'avgPoints', 'passRate'] as const) expect(metricValue(m, none)).toBe(0);
  });
  it('orders by value, then staff, then id; ties share a competition rank', () => {
    const rows = [
      { id: 'b', value: 0.5, persons: 10 },
      { id: 'a', value: 0.5, persons: 10 },
      { id: 'c', value: 0.9, persons: 5 },
      { id: 'd', value: 0.5, persons: 30 },
    ].sort(compareRows);
    expect(rows.map((r) => r.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(competitionRanks(rows.map((r) => r.value), 1)).toEqual([1, 2, 2, 2]);
    // A page starting at the 3rd row whose value ties with rows before it: the rank counts only the better ones.
    expect(competitionRanks([0.5, 0.5, 0.2], 3, 1)).toEqual([2, 2, 5]);
  });
});

describe('learningScore', () => {
  it('weights coverage 30, completion 30, pass 25, activity 15, each capped to 1', () => {
    const s = learningScore({ persons: 20, completions: 10, learners: 15, examTakers_county: 10, examPassed_county: 8 }, 40);
    expect(s).toEqual({ coverage: 0.5, completion: 0.5, pass: 0.8, activity: 0.75, score: 15 + 15 + 20 + 11.3 });
    expect(learningScore({ persons: 20, completions: 100, learners: 25, examTakers_city: 1, examPassed_city: 1 }, 10).score).toBe(100);
  });
  it('without a declared staff size coverage is 1 once anyone is registered; an empty enterprise scores 0', () => {
    expect(learningScore({ persons: 3 }, 0).coverage).toBe(1);
    expect(learningScore(undefined, 50)).toEqual({ coverage: 0, completion: 0, pass: 0, activity: 0, score: 0 });
  });
});
