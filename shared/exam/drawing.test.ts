import { drawPaper, drawingRuleInput, practiceRule, validateDrawingRule, type DrawingRule } from './drawing';
import { candidates, makeBank, makeQuestion } from './testPool';

const bank = makeBank('b1', { single: 40, multiple: 20, judge: 70 });
const pool = candidates(bank);
/** The provincial mix: 判断 40 + 单选 40 + 多选 20, 100 points. */
const rule: DrawingRule = drawingRuleInput.parse({
  sections: [
    { from: { bankIds: ['b1'] }, type: 'judge', count: 40, scorePerQuestion: 1 },
    { from: { bankIds: ['b1'] }, type: 'single', count: 40, scorePerQuestion: 1 },
    { from: { bankIds: ['b1'] }, type: 'multiple', count: 20, scorePerQuestion: 1 },
  ],
});

describe('drawing rule schema', () => {
  it('needs banks, positive counts and half-point scores', () => {
    expect(drawingRuleInput.safeParse({ sections: [] }).success).toBe(false);
    expect(drawingRuleInput.safeParse({ sections: [{ from: { bankIds: [] }, type: 'single', count: 1, scorePerQuestion: 1 }] }).success).toBe(false);
    expect(drawingRuleInput.safeParse({ sections: [{ from: { bankIds: ['b'] }, type: 'single', count: 0, scorePerQuestion: 1 }] }).success).toBe(false);
    expect(drawingRuleInput.safeParse({ sections: [{ from: { bankIds: ['b'] }, type: 'single', count: 1, scorePerQuestion: 0.3 }] }).success).toBe(false);
    expect(drawingRuleInput.safeParse({ sections: [{ from: { bankIds: ['b'] }, type: 'single', count: 301, scorePerQuestion: 1 }] }).success).toBe(false);
    expect(drawingRuleInput.parse({ sections: [{ from: { bankIds: ['b2', 'b1', 'b2'] }, type: 'single', count: 1, scorePerQuestion: 1.5 }] }).sections[0].from).toEqual({
      bankIds: ['b1', 'b2'],
      tags: { industries: [], postCategories: [], knowledgePoints: [], difficulties: [] },
    });
  });
});

describe('validation on save', () => {
  it('a rule the banks can fill whose points equal the full score is valid, with a preview per section', () => {
    const v = validateDrawingRule(rule, 100, pool);
    expect(v.ok).toBe(true);
    expect(v.sections.map((s) => [s.title, s.available, s.count, s.score])).toEqual([
      ['一、判断题', 70, 40, 40],
      ['二、单选题', 40, 40, 40],
      ['三、多选题', 20, 20, 20],
    ]);
    expect(v).toMatchObject({ questionCount: 100, totalScore: 100 });
  });
  it('not enough of a kind, and a total other than the full score', () => {
    const v = validateDrawingRule({ sections: [{ ...rule.sections[2], count: 25 }] }, 100, pool);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.code)).toEqual(['SECTION_SHORT', 'SCORE_MISMATCH']);
    expect(v.problems[0].message).toContain('只有20道');
    expect(v.problems[1].message).toContain('合计25分');
  });
  it('overlapping sections: a later section is short if earlier ones may take what they share', () => {
    const tagged = [...bank, ...Array.from({ length: 10 }, (_, i) => makeQuestion('b1', 'single', 100 + i, { knowledgePoints: ['消防'] }))];
    const r = drawingRuleInput.parse({
      sections: [
        { from: { bankIds: ['b1'] }, type: 'single', count: 45, scorePerQuestion: 1 },
        { from: { bankIds: ['b1'], tags: { knowledgePoints: ['消防'] } }, type: 'single', count: 5, scorePerQuestion: 1 },
      ],
    });
    const v = validateDrawingRule(r, 50, candidates(tagged));
    expect(v.sections[1]).toMatchObject({ available: 10, guaranteed: 0, enough: false });
    // The same sections the other way round are safe: the specific one draws first.
    const v2 = validateDrawingRule({ sections: [r.sections[1], r.sections[0]] }, 50, candidates(tagged));
    expect(v2.ok).toBe(true);
    expect(v2.sections[1]).toMatchObject({ available: 50, guaranteed: 45 });
  });
  it('disabled questions and other banks do not count; untagged questions are general', () => {
    const qs = [...makeBank('b2', { single: 3 }), { ...makeQuestion('b1', 'single', 900), status: 'disabled' as const }, makeQuestion('b1', 'single', 901, { industries: ['textile'] })];
    const r = drawingRuleInput.parse({ sections: [{ from: { bankIds: ['b1', 'b2'], tags: { industries: ['construction'] } }, type: 'single', count: 3, scorePerQuestion: 1 }] });
    expect(validateDrawingRule(r, 3, candidates(qs)).sections[0].available).toBe(3);
  });
});

describe('drawPaper', () => {
  const draw = (seed: string, p = pool, opts = {}) => {
    const r = drawPaper(rule, p, seed, opts);
    if (!r.ok) throw new Error('short');
    return r.paper;
  };
  it('draws each section its count and type, no question twice, full score', () => {
    const paper = draw('att-1');
    expect(paper.items).toHaveLength(100);
    expect(paper.fullScore).toBe(100);
    expect(new Set(paper.items.map((i) => i.lineageId)).size).toBe(100);
    for (const [k, s] of rule.sections.entries()) {
      const items = paper.items.filter((i) => i.section === k);
      expect(items).toHaveLength(s.count);
      expect(items.every((i) => i.type === s.type)).toBe(true);
    }
  });
  it('is reproducible from the seed, whatever the pool order; another seed draws another paper', () => {
    const a = draw('att-1');
    expect(draw('att-1', [...pool].reverse())).toEqual(a);
    const b = draw('att-2');
    expect(b.items.map((i) => i.questionId)).not.toEqual(a.items.map((i) => i.questionId));
  });
  it('shuffles options per paper and keeps a permutation; judge options stay in order', () => {
    const a = draw('att-1');
    const b = draw('att-2');
    for (const i of a.items) {
      expect([...i.optionOrder].sort()).toEqual(i.type === 'judge' ? ['A', 'B'] : ['A', 'B', 'C', 'D']);
      if (i.type === 'judge') expect(i.optionOrder).toEqual(['A', 'B']);
    }
    const moved = a.items.filter((i) => i.type !== 'judge' && i.optionOrder.join('') !== 'ABCD').length;
    expect(moved).toBeGreaterThan(40);
    const common = a.items.filter((i) => i.type === 'single').find((i) => b.items.some((j) => j.questionId === i.questionId && j.optionOrder.join('') !== i.optionOrder.join('')));
    expect(common).toBeDefined();
  });
  it('a question marked not to shuffle keeps its order', () => {
    const fixed = candidates([makeQuestion('b9', 'single', 1, { shuffleOptions: false })]);
    const r = drawPaper(drawingRuleInput.parse({ sections: [{ from: { bankIds: ['b9'] }, type: 'single', count: 1, scorePerQuestion: 1 }] }), fixed, 's');
    expect(r.ok && r.paper.items[0].optionOrder).toEqual(['A', 'B', 'C', 'D']);
  });
  it('unseen first: repeated practice covers the bank before repeating', () => {
    const small = candidates(makeBank('p', { single: 25 }));
    const r = drawingRuleInput.parse({ sections: [{ from: { bankIds: ['p'] }, type: 'single', count: 10, scorePerQuestion: 1 }] });
    const seen = new Set<string>();
    const rounds: string[][] = [];
    for (let n = 0; n < 3; n++) {
      const d = drawPaper(r, small, `practice-${n}`, { seen, unseenFirst: true });
      if (!d.ok) throw new Error('short');
      rounds.push(d.paper.items.map((i) => i.lineageId));
      d.paper.items.forEach((i) => seen.add(i.lineageId));
    }
    expect(new Set([...rounds[0], ...rounds[1]]).size).toBe(20);
    // Round 3: the 5 never seen, then 5 seen ones.
    expect(rounds[2].filter((l) => !rounds[0].includes(l) && !rounds[1].includes(l))).toHaveLength(5);
    expect(seen.size).toBe(25);
  });
  it('a pool that shrank since validation fails with a code, not a short paper', () => {
    expect(drawPaper(rule, pool.filter((q) => q.type !== 'multiple' || q.lineageId < pool.find((x) => x.type === 'multiple')!.lineageId), 's')).toMatchObject({ ok: false, code: 'DRAW_POOL_SHORT', section: 2 });
  });
  it('only the newest version of a lineage is drawn', () => {
    const q = makeQuestion('v', 'single', 1);
    const v2 = { ...q, _id: `${q.lineageId}-v2`, version: 2 };
    const r = drawPaper(drawingRuleInput.parse({ sections: [{ from: { bankIds: ['v'] }, type: 'single', count: 1, scorePerQuestion: 1 }] }), candidates([v2, q]), 's');
    expect(r.ok && r.paper.items[0].questionId).toBe(v2._id);
  });
});

describe('practice rule', () => {
  it('takes what the banks have, up to the wanted count per type', () => {
    const r = practiceRule(pool, ['b1'], { judge: 5, single: 100, multiple: 0 });
    expect(r?.sections.map((s) => [s.type, s.count])).toEqual([
      ['judge', 5],
      ['single', 40],
    ]);
    expect(practiceRule(pool, ['none'], { single: 5 })).toBeNull();
  });
});
