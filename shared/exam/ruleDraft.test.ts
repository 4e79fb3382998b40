import { draftTotals, emptySection, ruleOf, sectionsOf } from './ruleDraft';

describe('drawing rule drafts (the console editor)', () => {
  it('a complete draft is the contract rule, and a rule comes back as the same drafts', () => {
    const drafts = [
      { ...emptySection('single', ['qb1']), count: 10, scorePerQuestion: 4, knowledgePoints: ['消防'] },
      { ...emptySection('judge', ['qb1', 'qb2']), count: 12, scorePerQuestion: 2.5, difficulties: ['easy' as const] },
    ];
    const r = ruleOf(drafts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rule.sections[1]).toEqual({ from: { bankIds: ['qb1', 'qb2'], tags: { industries: [], postCategories: [], knowledgePoints: [], difficulties: ['easy'] } }, type: 'judge', count: 12, scorePerQuestion: 2.5 });
    const back = sectionsOf(r.rule);
    expect(back.map(({ key: _k, ...s }) => s)).toEqual(drafts.map(({ key: _k, ...s }) => ({ ...s, title: undefined })));
    expect(new Set(back.map((s) => s.key)).size).toBe(2);
  });

  it('an incomplete draft names its section and the problem in Chinese', () => {
    expect(ruleOf([{ ...emptySection('single', ['qb1']) }, { ...emptySection('multiple') }])).toEqual({ ok: false, message: '第2部分：请选择至少一个题库' });
    expect(ruleOf([{ ...emptySection('single', ['qb1']), count: null }])).toEqual({ ok: false, message: '第1部分：每部分至少1道题' });
    expect(ruleOf([{ ...emptySection('single', ['qb1']), scorePerQuestion: 0.3 }])).toMatchObject({ ok: false, message: expect.stringMatching(/^第1部分：/) });
    expect(ruleOf([])).toEqual({ ok: false, message: '至少设置一个抽题部分' });
  });

  it('totals add half points exactly and compare with the full score', () => {
    const drafts = [
      { ...emptySection('single', ['qb1']), count: 3, scorePerQuestion: 0.5 },
      { ...emptySection('judge', ['qb1']), count: 197, scorePerQuestion: 0.5 },
    ];
    expect(draftTotals(drafts, 100)).toEqual({ questions: 200, score: 100, matchesFull: true });
    expect(draftTotals(drafts, 99)).toMatchObject({ matchesFull: false });
    expect(draftTotals([{ ...emptySection(), count: null }], null)).toEqual({ questions: 0, score: 0, matchesFull: false });
  });
});
