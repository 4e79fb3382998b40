import { DEFAULT_POINTS_RULES, grantFor, ledgerEntryId, pointsRulesInput, studyTimePoints } from './points';

describe('points', () => {
  it('ledger ids are deterministic per person, source and event: a replay writes the same document', () => {
    expect(ledgerEntryId('p1', 'courseComplete', 'c1')).toBe('pts:p1:courseComplete:c1');
    expect(ledgerEntryId('p1', 'courseComplete', 'c1')).toBe(ledgerEntryId('p1', 'courseComplete', 'c1'));
    expect(ledgerEntryId('p1', 'courseComplete', 'c1')).not.toBe(ledgerEntryId('p1', 'courseComplete', 'c2'));
    expect(ledgerEntryId('p1', 'dailyLogin', '2026-12-02')).not.toBe(ledgerEntryId('p2', 'dailyLogin', '2026-12-02'));
    expect(() => ledgerEntryId('', 'dailyLogin', 'x')).toThrow();
    expect(() => ledgerEntryId('p:1', 'dailyLogin', 'x')).toThrow();
  });

  it('daily caps per source', () => {
    const r = DEFAULT_POINTS_RULES;
    expect(grantFor(r, 'dailyLogin', 0)).toBe(1);
    expect(grantFor(r, 'dailyLogin', 1)).toBe(0);
    expect([0, 5, 10, 15, 20].map((today) => grantFor(r, 'courseComplete', today))).toEqual([5, 5, 5, 5, 0]);
    expect(grantFor({ ...r, courseComplete: { points: 5, dailyCap: 12 } }, 'courseComplete', 10)).toBe(2); // the rest up to the cap
    expect(grantFor(r, 'courseRating', 99)).toBe(0);
  });

  it('study time: per unit of credited time, capped per day, a function of the day total (idempotent)', () => {
    const r = DEFAULT_POINTS_RULES;
    expect(studyTimePoints(r, 0)).toBe(0);
    expect(studyTimePoints(r, 299)).toBe(0);
    expect(studyTimePoints(r, 300)).toBe(1);
    expect(studyTimePoints(r, 1799)).toBe(5);
    expect(studyTimePoints(r, 10 * 3600)).toBe(10);
    // However many checkpoints brought the total, the points are the same.
    let total = 0;
    let awarded = 0;
    for (const step of [100, 250, 30, 400, 500, 20]) {
      const before = studyTimePoints(r, total);
      total += step;
      awarded += studyTimePoints(r, total) - before;
    }
    expect(awarded).toBe(studyTimePoints(r, total));
  });

  it('rules are configuration, validated', () => {
    expect(pointsRulesInput.parse(DEFAULT_POINTS_RULES)).toEqual(DEFAULT_POINTS_RULES);
    expect(pointsRulesInput.safeParse({ ...DEFAULT_POINTS_RULES, dailyLogin: { points: -1, dailyCap: 1 } }).success).toBe(false);
    expect(pointsRulesInput.safeParse({ ...DEFAULT_POINTS_RULES, studyTime: { points: 1, dailyCap: 10, unitSeconds: 5 } }).success).toBe(false);
  });
});
