import * as XLSX from 'xlsx';
import { mapQuestionRows, questionToRow, QUESTION_TEMPLATE_SHEET, type QuestionContent } from './questions';
import { QUESTION_GUIDE_SHEET, QUESTION_TEMPLATE_HEADER, questionExportBytes, questionTemplateBytes } from './questionSheet';

const read = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array' });
const table = (wb: XLSX.WorkBook, name: string) => XLSX.utils.sheet_to_json<string[]>(wb.Sheets[name], { header: 1, raw: false, defval: '' });

const content = (over: Partial<QuestionContent>): QuestionContent => ({
  type: 'single',
  stem: '题干',
  options: [
    { key: 'A', text: '甲' },
    { key: 'B', text: '乙' },
  ],
  answer: ['A'],
  analysis: '',
  tags: { industries: [], postCategories: [], knowledgePoints: [], lawRefs: [] },
  difficulty: 'medium',
  shuffleOptions: true,
  ...over,
});

describe('question template and export (xlsx)', () => {
  it('the template has the data sheet first with the header only, and a guide whose examples map without problems', () => {
    const wb = read(questionTemplateBytes());
    expect(wb.SheetNames).toEqual([QUESTION_TEMPLATE_SHEET, QUESTION_GUIDE_SHEET]);
    const data = table(wb, QUESTION_TEMPLATE_SHEET);
    expect(data).toEqual([[...QUESTION_TEMPLATE_HEADER]]);
    expect(QUESTION_TEMPLATE_HEADER).toContain('题干*');
    // The examples in the guide are valid rows of the template.
    const guide = table(wb, QUESTION_GUIDE_SHEET);
    const at = guide.findIndex((r) => r[0] === '题型*');
    const mapped = mapQuestionRows(guide.slice(at));
    expect(mapped.ok && mapped.problems).toEqual([]);
    expect(mapped.ok && mapped.rows.map((r) => r.content.type)).toEqual(['single', 'multiple', 'judge']);
  });

  it('an export re-imports to the same content; formula-looking texts stay plain string cells', () => {
    const qs = [
      content({ stem: '=HYPERLINK("http://x","点我")', options: [{ key: 'A', text: '-5℃' }, { key: 'B', text: '+10℃' }, { key: 'C', text: '@零度' }], answer: ['A'] }),
      content({ type: 'judge', stem: '判断', options: [{ key: 'A', text: '正确' }, { key: 'B', text: '错误' }], answer: ['B'], difficulty: 'hard', shuffleOptions: false, tags: { industries: ['construction'], postCategories: [], knowledgePoints: ['知识点'], lawRefs: [] } }),
    ];
    const bytes = questionExportBytes(QUESTION_TEMPLATE_HEADER, qs.map(questionToRow));
    const wb = read(bytes);
    const ws = wb.Sheets[QUESTION_TEMPLATE_SHEET];
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue;
      expect((cell as XLSX.CellObject).f).toBeUndefined();
      expect((cell as XLSX.CellObject).t).toBe('s');
    }
    const mapped = mapQuestionRows(table(wb, QUESTION_TEMPLATE_SHEET));
    expect(mapped.ok && mapped.problems).toEqual([]);
    expect(mapped.ok && mapped.rows.map((r) => r.content)).toEqual(qs);
  });
});
