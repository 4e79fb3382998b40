import {
  MAX_OPTIONS,
  QUESTION_TEMPLATE_COLUMNS,
  lineageOfVersion,
  mapQuestionRows,
  newQuestion,
  parseAnswerCell,
  questionLineageId,
  questionToRow,
  questionVersionId,
  reviseQuestion,
  stemKey,
  stemLockId,
  validateQuestion,
  type QuestionContent,
} from './questions';

const single = { type: 'single', stem: '进入施工现场必须（ ）。', options: ['戴好安全帽', '穿拖鞋', '饮酒'], answer: ['A'] } as const;
const codes = (r: ReturnType<typeof validateQuestion>) => (r.ok ? [] : r.problems.map((p) => p.code));

describe('question validation', () => {
  it('accepts a single choice, assigns keys, defaults the rest', () => {
    const r = validateQuestion(single);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.content.options).toEqual([
      { key: 'A', text: '戴好安全帽' },
      { key: 'B', text: '穿拖鞋' },
      { key: 'C', text: '饮酒' },
    ]);
    expect(r.content).toMatchObject({ answer: ['A'], analysis: '', difficulty: 'medium', shuffleOptions: true, tags: { industries: [], postCategories: [], knowledgePoints: [], lawRefs: [] } });
  });
  it('judge questions get fixed options and never shuffle', () => {
    const r = validateQuestion({ type: 'judge', stem: '特种作业人员必须持证上岗。', answer: ['a'] });
    expect(r.ok && r.content).toMatchObject({ options: [{ key: 'A', text: '正确' }, { key: 'B', text: '错误' }], answer: ['A'], shuffleOptions: false });
  });
  it('reports each problem with its stable code', () => {
    expect(codes(validateQuestion({ ...single, answer: [] }))).toEqual(['ANSWER_MISSING']);
    expect(codes(validateQuestion({ ...single, answer: ['D'] }))).toEqual(['ANSWER_NOT_IN_OPTIONS']);
    expect(codes(validateQuestion({ ...single, answer: ['A', 'B'] }))).toEqual(['SINGLE_ANSWER_COUNT']);
    expect(codes(validateQuestion({ ...single, type: 'multiple', answer: ['A'] }))).toEqual(['MULTIPLE_ANSWER_COUNT']);
    expect(codes(validateQuestion({ ...single, options: ['1', '2', '3', '4', '5', '6', '7'] }))).toEqual(['TOO_MANY_OPTIONS']);
    expect(codes(validateQuestion({ ...single, options: ['只有一个'] }))).toEqual(['TOO_FEW_OPTIONS']);
    expect(codes(validateQuestion({ ...single, options: ['甲', '', '丙'] }))).toEqual(['OPTION_GAP']);
    expect(codes(validateQuestion({ ...single, options: ['甲', '乙', '甲。'] }))).toEqual(['OPTION_DUPLICATE']);
    expect(codes(validateQuestion({ ...single, stem: '   ' }))).toEqual(['STEM_MISSING']);
    expect(codes(validateQuestion({ ...single, stem: 'a\u202eb' }))).toEqual(['INVALID']);
    expect(codes(validateQuestion({ ...single, tags: { industries: ['coal'] } }))).toEqual(['INVALID']);
  });
  it('every problem has a Chinese message', () => {
    const r = validateQuestion({ ...single, answer: ['Z'], options: ['甲', '', '丙'] });
    expect(r.ok).toBe(false);
    if (!r.ok) for (const p of r.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('a duplicate stem in the bank is found through the normalised key, except for the question itself', () => {
    const bank = new Map([[stemKey('进入施工现场必须( )'), 'q1']]);
    expect(codes(validateQuestion(single, { bankStemKeys: bank }))).toEqual(['DUPLICATE_STEM']);
    expect(validateQuestion(single, { bankStemKeys: bank, selfLineageId: 'q1' }).ok).toBe(true);
  });
});

describe('stem keys and ids', () => {
  it('folds width, case, spaces, punctuation and blanks', () => {
    const k = stemKey('下列说法正确的是（ ）。');
    expect(stemKey('下列说法 正确的是( )')).toBe(k);
    expect(stemKey('下列说法正确的是：____')).toBe(k);
    expect(stemKey('ＡＢＣ 下列')).toBe(stemKey('abc下列'));
    expect(stemKey('下列说法错误的是（ ）。')).not.toBe(k);
  });
  it('ids are deterministic and distinct per bank and source', () => {
    expect(stemLockId('b1', '下列说法正确的是（ ）')).toBe(stemLockId('b1', '下列说法正确的是()'));
    expect(stemLockId('b1', 'x')).not.toBe(stemLockId('b2', 'x'));
    const l = questionLineageId('b1', 'file:abc:2');
    expect(l).toBe(questionLineageId('b1', 'file:abc:2'));
    expect(l).not.toBe(questionLineageId('b1', 'file:abc:3'));
    expect(questionVersionId(l, 2)).toBe(`${l}-v2`);
    expect(questionVersionId(l, 2)).toMatch(/^[0-9a-z-]+$/);
    expect(lineageOfVersion(questionVersionId(l, 12))).toBe(l);
  });
});

describe('versions', () => {
  const content = (validateQuestion(single) as { content: QuestionContent }).content;
  const v1 = newQuestion({ bankId: 'b1', lineageId: 'qL', content, now: 't0' });
  it('an unchanged save makes no version', () => {
    expect(reviseQuestion(v1, { ...content }, 't1')).toEqual({ changed: false });
  });
  it('an edit makes version + 1 and keeps the old one for attempts', () => {
    const r = reviseQuestion(v1, { ...content, analysis: '新解析' }, 't1');
    expect(r.changed).toBe(true);
    if (!r.changed) return;
    expect(r.next).toMatchObject({ _id: 'qL-v2', lineageId: 'qL', version: 2, current: true, analysis: '新解析', stemKey: v1.stemKey });
    expect(r.previous).toMatchObject({ _id: 'qL-v1', current: false, analysis: '' });
    expect(r.stemChanged).toBe(false);
    const s = reviseQuestion(v1, { ...content, stem: '进入现场必须（ ）' }, 't1');
    expect(s.changed && s.stemChanged).toBe(true);
  });
});

describe('xlsx rows', () => {
  const header = QUESTION_TEMPLATE_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));
  const row = (o: Record<string, string>) => QUESTION_TEMPLATE_COLUMNS.map((c) => o[c.label] ?? '');
  it('refuses a sheet without the required columns', () => {
    expect(mapQuestionRows([['题干', '答案']])).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(mapQuestionRows([header])).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });
  it('keeps the texts as typed (full-width punctuation) and names with separators in them whole', () => {
    const r = mapQuestionRows([
      header,
      row({
        题型: '单选题',
        题干: '灭火器压力表指针在（ ）区，表示压力正常。',
        选项A: '红色，压力不足',
        选项B: '绿色',
        答案: 'B',
        解析: '绿区正常；红区压力不足。',
        知识点: '灭火器、消防器材',
        法规依据: 'GB/T 3787《手持式电动工具的管理、使用、检查和维修安全技术规程》、《消防法》第十六条',
      }),
    ]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.rows[0].content).toMatchObject({
      stem: '灭火器压力表指针在（ ）区，表示压力正常。',
      options: [{ text: '红色，压力不足' }, { text: '绿色' }],
      analysis: '绿区正常；红区压力不足。',
      tags: { knowledgePoints: ['灭火器', '消防器材'], lawRefs: ['GB/T 3787《手持式电动工具的管理、使用、检查和维修安全技术规程》', '《消防法》第十六条'] },
    });
    // The duplicate check still folds width: the half-width twin is the same stem.
    expect(stemKey('灭火器压力表指针在( )区,表示压力正常.')).toBe(r.rows[0].stemKey);
  });
  it('maps good rows and reports bad ones by row number and column header', () => {
    const table = [
      header,
      row({ 题型: '单选题', 题干: '灭火器压力表指针在（ ）区表示正常。', 选项A: '红', 选项B: '绿', 选项C: '黄', 答案: 'B', 难度: '易', 适用行业: '建筑施工、机械', 知识点: '消防器材' }),
      row({ 题型: '多选', 题干: '有限空间作业应当（ ）。', 选项A: '先通风', 选项B: '再检测', 选项C: '后作业', 选项D: '单人进入', 答案: 'A、B，C' }),
      row({ 题型: '判断题', 题干: '安全帽可以不系下颏带。', 答案: '×' }),
      row({ 题型: '单选题', 题干: '没有答案的题', 选项A: '甲', 选项B: '乙' }),
      row({ 题型: '单选题', 题干: '答案不在选项中', 选项A: '甲', 选项B: '乙', 答案: 'C' }),
      row({ 题型: '单选题', 题干: '灭火器压力表指针在()区表示正常', 选项A: '红', 选项B: '绿', 答案: 'B' }),
      row({ 题型: '问答题', 题干: '未知题型', 答案: 'A' }),
      row({ 题型: '单选题', 题干: '未知行业', 选项A: '甲', 选项B: '乙', 答案: 'A', 适用行业: '煤炭' }),
      [],
      row({ 题型: '单选题', 题干: '题库里已有的题', 选项A: '甲', 选项B: '乙', 答案: 'A' }),
    ];
    const r = mapQuestionRows(table, { bankStemKeys: new Map([[stemKey('题库里已有的题'), 'qX']]) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.total).toBe(9);
    expect(r.rows.map((x) => x.row)).toEqual([2, 3, 4]);
    expect(r.rows[0].content).toMatchObject({ type: 'single', answer: ['B'], difficulty: 'easy', tags: { industries: ['construction', 'machinery'], knowledgePoints: ['消防器材'] } });
    expect(r.rows[1].content.answer).toEqual(['A', 'B', 'C']);
    expect(r.rows[2].content).toMatchObject({ type: 'judge', answer: ['B'] });
    expect(r.problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 5, column: '答案', code: 'ANSWER_MISSING' },
      { row: 6, column: '答案', code: 'ANSWER_NOT_IN_OPTIONS' },
      { row: 7, column: '题干', code: 'DUPLICATE_STEM_IN_FILE' },
      { row: 8, column: '题型', code: 'TYPE_UNKNOWN' },
      { row: 9, column: '适用行业', code: 'TAG_UNKNOWN' },
      { row: 11, column: '题干', code: 'DUPLICATE_STEM' },
    ]);
    expect(r.problems[2].reason).toBe('与第2行题干重复');
    expect(r.duplicates).toBe(2);
  });
  it('too many options: the first column past the limit is named', () => {
    const table = [
      [...header, '选项G'],
      [...row({ 题型: '单选题', 题干: '七个选项', 选项A: '1', 选项B: '2', 选项C: '3', 选项D: '4', 选项E: '5', 选项F: '6', 答案: 'A' }), '7'],
    ];
    const r = mapQuestionRows(table);
    expect(r.ok && r.problems.map((p) => [p.column, p.code])).toEqual([[`选项${'ABCDEFG'[MAX_OPTIONS]}`, 'TOO_MANY_OPTIONS']]);
  });
  it('an export row imports back to the same content', () => {
    const table = [header, row({ 题型: '多选题', 题干: '动火作业前应（ ）。', 选项A: '办理作业票', 选项B: '清理可燃物', 选项C: '配备灭火器', 选项D: '边焊边清', 答案: 'ABC', 解析: '见规定', 难度: '难', 岗位分类: '特种作业人员', 法规依据: '《安全生产法》' })];
    const first = mapQuestionRows(table);
    if (!first.ok) throw new Error('bad');
    const content = first.rows[0].content;
    const again = mapQuestionRows([header, questionToRow(content)]);
    expect(again.ok && again.rows[0].content).toEqual(content);
    const judge = (validateQuestion({ type: 'judge', stem: '可以酒后作业。', answer: ['B'] }) as { content: QuestionContent }).content;
    const j = mapQuestionRows([header, questionToRow(judge)]);
    expect(j.ok && j.rows[0].content).toEqual(judge);
  });
  it('answer cells', () => {
    expect(parseAnswerCell('judge', '对')).toEqual(['A']);
    expect(parseAnswerCell('judge', '错误')).toEqual(['B']);
    expect(parseAnswerCell('judge', '也许')).toBeNull();
    expect(parseAnswerCell('multiple', 'd b,a')).toEqual(['A', 'B', 'D']);
    expect(parseAnswerCell('single', 'A1')).toBeNull();
  });
});
