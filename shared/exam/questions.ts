/**
 * Question banks (题库): the question model, its input schema, validation with stable problem codes
 * and Chinese messages, versioning, and the xlsx row mapping of the import template (题库导入).
 * Pure: the caller parses the sheet into plain arrays (SheetJS in the console / the function) and
 * reads the bank's existing stem keys; this module maps rows → questions or per-row problems.
 */
import { z } from 'zod';
import type { ImportProblem } from '../contracts/imports';
import { hashKey } from '../random';
import { hasUnsafeChars, normalizeCell, UNSAFE_TEXT_ZH } from '../text';
import { INDUSTRIES, INDUSTRY_CODES, POST_CATEGORIES, POST_CATEGORY_CODES, type IndustryCode, type PostCategoryCode } from '../taxonomy';
import { DIFFICULTIES, DIFFICULTY_ZH, OPTION_KEYS, QUESTION_TYPES, QUESTION_TYPE_ZH, type Difficulty, type QuestionStatus, type QuestionType } from './basics';

export { DIFFICULTIES, DIFFICULTY_ZH, OPTION_KEYS, QUESTION_STATUSES, QUESTION_STATUS_ZH, QUESTION_TYPES, QUESTION_TYPE_ZH, type Difficulty, type QuestionStatus, type QuestionType } from './basics';

/** Choice questions have at most this many options (A–F); the template shows six option columns. */
export const MAX_OPTIONS = 6;
export const MIN_OPTIONS: Record<Exclude<QuestionType, 'judge'>, number> = { single: 2, multiple: 3 };
/** True/false questions always have these two options (never shuffled). */
export const JUDGE_OPTIONS: readonly QuestionOption[] = [
  { key: 'A', text: '正确' },
  { key: 'B', text: '错误' },
];
export const STEM_MAX = 500;
export const OPTION_MAX = 200;
export const ANALYSIS_MAX = 1000;
export const KNOWLEDGE_POINT_MAX = 30;
export const LAW_REF_MAX = 100;
export const TAGS_MAX = 5;

export interface QuestionOption {
  /** Letter in the bank's order (A, B, …); papers show options shuffled under new letters. */
  key: string;
  text: string;
}

export interface QuestionTags {
  /** Empty = general (applies to every industry). */
  industries: IndustryCode[];
  postCategories: PostCategoryCode[];
  /** 知识点, free text. */
  knowledgePoints: string[];
  /** 法规依据, e.g. 《安全生产法》第二十八条. */
  lawRefs: string[];
}

/** What an editor changes; any change makes a new version. */
export interface QuestionContent {
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  /** Correct option keys, sorted (one for single and judge, two or more for multiple). */
  answer: string[];
  /** 解析, shown only in a review after grading or in practice after the question is answered. */
  analysis: string;
  tags: QuestionTags;
  difficulty: Difficulty;
  /** Shuffle options per candidate (off for "以上都对" style options); judge questions never shuffle. */
  shuffleOptions: boolean;
}

/** One stored version of a question (collection `questions`, `_id` = `questionVersionId`). */
export interface Question extends QuestionContent {
  _id: string;
  /** Shared by all versions of one question. */
  lineageId: string;
  version: number;
  bankId: string;
  status: QuestionStatus;
  /** Only the newest version of a lineage is current (drawn, listed); older ones serve attempts. */
  current: boolean;
  /** `stemKey(stem)`: the duplicate check within the bank. */
  stemKey: string;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Stable problem codes (per question / per import row)

export const QUESTION_PROBLEM_ZH = {
  INVALID: '内容格式不正确',
  TYPE_UNKNOWN: '题型应为单选题、多选题或判断题',
  STEM_MISSING: '题干为必填项',
  ANSWER_MISSING: '缺少答案',
  ANSWER_NOT_IN_OPTIONS: '答案不在选项中',
  ANSWER_FORMAT: '答案只能填写选项字母（判断题填写“正确”或“错误”）',
  SINGLE_ANSWER_COUNT: '单选题和判断题只能有一个答案',
  MULTIPLE_ANSWER_COUNT: '多选题至少应有两个正确答案',
  TOO_MANY_OPTIONS: `选项不能超过${MAX_OPTIONS}个`,
  TOO_FEW_OPTIONS: '选项数量不足（单选题至少2个，多选题至少3个）',
  OPTION_GAP: '选项应从A起连续填写，中间不能有空选项',
  OPTION_DUPLICATE: '选项内容重复',
  OPTION_TOO_LONG: `选项不能超过${OPTION_MAX}个字`,
  DUPLICATE_STEM: '题库中已有相同题干的题目',
  DUPLICATE_STEM_IN_FILE: '与文件中前面的题目题干重复',
  TAG_UNKNOWN: '标签取值不在可选范围内',
  DIFFICULTY_UNKNOWN: '难度应为易、中或难',
} as const;
export type QuestionProblemCode = keyof typeof QUESTION_PROBLEM_ZH;

export interface QuestionProblem {
  code: QuestionProblemCode;
  /** Field of the input (`stem`, `options.2`, `answer`, …). */
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Input schema (console editor; the import maps rows into the same shape)

const safeText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).refine((s) => !hasUnsafeChars(s, { multiline: true }), UNSAFE_TEXT_ZH);
const tagList = <T extends string>(item: z.ZodType<T>) =>
  z
    .array(item)
    .max(TAGS_MAX, `每类标签最多${TAGS_MAX}个`)
    .optional()
    .default([])
    .transform((xs) => [...new Set(xs)]);

export const questionTagsInput = z
  .object({
    industries: tagList(z.enum(INDUSTRY_CODES)),
    postCategories: tagList(z.enum(POST_CATEGORY_CODES)),
    knowledgePoints: tagList(safeText(KNOWLEDGE_POINT_MAX, `知识点不能超过${KNOWLEDGE_POINT_MAX}个字`).pipe(z.string().min(1))),
    lawRefs: tagList(safeText(LAW_REF_MAX, `法规依据不能超过${LAW_REF_MAX}个字`).pipe(z.string().min(1))),
  })
  .strict();

/**
 * A question as an editor submits it. Options are texts in order (keys A, B, … are assigned);
 * judge questions take no options. Semantic rules (answer among options, counts, duplicates) are
 * `checkQuestion`'s, so each gets its own stable code.
 */
export const questionInput = z
  .object({
    type: z.enum(QUESTION_TYPES),
    stem: safeText(STEM_MAX, `题干不能超过${STEM_MAX}个字`),
    options: z.array(z.string().trim().max(1000)).max(OPTION_KEYS.length, `选项不能超过${MAX_OPTIONS}个`).optional().default([]),
    answer: z
      .array(z.string().trim().toUpperCase().max(8))
      .max(OPTION_KEYS.length)
      .optional()
      .default([]),
    analysis: safeText(ANALYSIS_MAX, `解析不能超过${ANALYSIS_MAX}个字`).optional().default(''),
    tags: questionTagsInput.prefault({}),
    difficulty: z.enum(DIFFICULTIES).optional().default('medium'),
    shuffleOptions: z.boolean().optional().default(true),
  })
  .strict();
export type QuestionInput = z.input<typeof questionInput>;
type ParsedQuestionInput = z.output<typeof questionInput>;

// ---------------------------------------------------------------------------------------------
// Stems and deterministic ids

// Punctuation and symbols: ASCII, Latin-1, general punctuation, CJK symbols, full-width forms.
// (Explicit ranges, no \p{…}: older WeChat JavaScript engines cannot parse property escapes.)
const STEM_NOISE = /[\s\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u21ff\u2460-\u24ff\u2500-\u27bf\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/g;

/**
 * The duplicate key of a stem: width-folded (NFKC), lower-case, with whitespace, punctuation and
 * blanks removed, so "下列说法正确的是（ ）。" and "下列说法正确的是( )" are the same stem.
 */
export function stemKey(stem: string): string {
  return stem.normalize('NFKC').toLowerCase().replace(STEM_NOISE, '');
}

/** Lock document that makes a stem unique within a bank (created with the question; moved when the stem changes). */
export const stemLockId = (bankId: string, stem: string): string => `qstem:${bankId}:${hashKey(stemKey(stem))}`;

/**
 * A question lineage's id from where it came from: an import (`file:<content hash>:<row>`) or a
 * console request (`req:<client request id>`), so a replayed commit or create writes nothing new.
 */
export const questionLineageId = (bankId: string, sourceKey: string): string => `q${hashKey(`${bankId}\n${sourceKey}`)}`;
/**
 * A version's id: `<lineageId>-v<n>`. No dots, so it can be a field name (an attempt stores
 * `answers.<questionId>`); lineage ids are `q` + base-36, so the id is [0-9a-z-] only.
 */
export const questionVersionId = (lineageId: string, version: number): string => `${lineageId}-v${version}`;
/** The lineage of a version id (practice: which questions a person has seen). */
export const lineageOfVersion = (questionId: string): string => questionId.replace(/-v\d+$/, '');

// ---------------------------------------------------------------------------------------------
// Validation

export interface CheckContext {
  /** Stem keys already in the bank (current versions), mapped to their lineage ids. */
  bankStemKeys?: ReadonlyMap<string, string>;
  /** The lineage being edited: its own stem is not a duplicate. */
  selfLineageId?: string;
}

export type QuestionCheck = { ok: true; content: QuestionContent; stemKey: string } | { ok: false; problems: QuestionProblem[] };

const problem = (code: QuestionProblemCode, field: string, message: string = QUESTION_PROBLEM_ZH[code]): QuestionProblem => ({ code, field, message });

/** Validates an editor's input (zod shape first, then the semantic rules). */
export function validateQuestion(input: unknown, ctx: CheckContext = {}): QuestionCheck {
  const parsed = questionInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => problem(i.path[0] === 'stem' && i.code === 'too_small' ? 'STEM_MISSING' : 'INVALID', i.path.join('.'), i.message)) };
  }
  return checkQuestion(parsed.data, ctx);
}

/** The semantic rules on a shape-valid input, each with its stable code. */
export function checkQuestion(q: ParsedQuestionInput, ctx: CheckContext = {}): QuestionCheck {
  const problems: QuestionProblem[] = [];
  const stem = q.stem.trim();
  if (stem === '') problems.push(problem('STEM_MISSING', 'stem'));

  let options: QuestionOption[];
  if (q.type === 'judge') {
    options = JUDGE_OPTIONS.map((o) => ({ ...o }));
  } else {
    const texts = [...q.options];
    while (texts.length && texts[texts.length - 1] === '') texts.pop();
    if (texts.length > MAX_OPTIONS) problems.push(problem('TOO_MANY_OPTIONS', 'options'));
    else if (texts.length < MIN_OPTIONS[q.type]) problems.push(problem('TOO_FEW_OPTIONS', 'options'));
    const gap = texts.findIndex((t) => t === '');
    if (gap >= 0) problems.push(problem('OPTION_GAP', `options.${gap}`, `选项${OPTION_KEYS[gap]}为空，选项应从A起连续填写`));
    texts.forEach((t, i) => {
      if (t.length > OPTION_MAX) problems.push(problem('OPTION_TOO_LONG', `options.${i}`, `选项${OPTION_KEYS[i]}不能超过${OPTION_MAX}个字`));
    });
    const seen = new Map<string, number>();
    texts.forEach((t, i) => {
      if (t === '') return;
      const k = stemKey(t) || t;
      const first = seen.get(k);
      if (first !== undefined) problems.push(problem('OPTION_DUPLICATE', `options.${i}`, `选项${OPTION_KEYS[i]}与选项${OPTION_KEYS[first]}内容重复`));
      else seen.set(k, i);
    });
    options = texts.slice(0, OPTION_KEYS.length).map((text, i) => ({ key: OPTION_KEYS[i], text }));
  }

  const answer = [...new Set(q.answer.filter((a) => a !== ''))].sort();
  if (answer.length === 0) problems.push(problem('ANSWER_MISSING', 'answer'));
  else {
    const keys = new Set(options.map((o) => o.key));
    const outside = answer.filter((a) => !keys.has(a));
    if (outside.length) problems.push(problem('ANSWER_NOT_IN_OPTIONS', 'answer', `答案${outside.join('')}不在选项中`));
    if (q.type !== 'multiple' && answer.length > 1) problems.push(problem('SINGLE_ANSWER_COUNT', 'answer'));
    if (q.type === 'multiple' && answer.length < 2) problems.push(problem('MULTIPLE_ANSWER_COUNT', 'answer'));
  }

  const key = stemKey(stem);
  const owner = key ? ctx.bankStemKeys?.get(key) : undefined;
  if (owner !== undefined && owner !== ctx.selfLineageId) problems.push(problem('DUPLICATE_STEM', 'stem'));

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    stemKey: key,
    content: { type: q.type, stem, options, answer, analysis: q.analysis, tags: q.tags, difficulty: q.difficulty, shuffleOptions: q.type !== 'judge' && q.shuffleOptions },
  };
}

// ---------------------------------------------------------------------------------------------
// Versions

export function newQuestion(args: { bankId: string; lineageId: string; content: QuestionContent; now: string }): Question {
  return {
    _id: questionVersionId(args.lineageId, 1),
    lineageId: args.lineageId,
    version: 1,
    bankId: args.bankId,
    status: 'active',
    current: true,
    stemKey: stemKey(args.content.stem),
    ...args.content,
    createdAt: args.now,
    updatedAt: args.now,
  };
}

const contentOf = (q: QuestionContent): QuestionContent => ({
  type: q.type,
  stem: q.stem,
  options: q.options.map((o) => ({ key: o.key, text: o.text })),
  answer: [...q.answer],
  analysis: q.analysis,
  tags: { industries: [...q.tags.industries], postCategories: [...q.tags.postCategories], knowledgePoints: [...q.tags.knowledgePoints], lawRefs: [...q.tags.lawRefs] },
  difficulty: q.difficulty,
  shuffleOptions: q.shuffleOptions,
});

export const sameContent = (a: QuestionContent, b: QuestionContent): boolean => JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));

export type Revision = { changed: false } | { changed: true; next: Question; previous: Question; stemChanged: boolean };

/**
 * Editing never changes a stored version: a different content makes version + 1 (the previous one
 * stays for the attempts that drew it, `current: false`). The function writes both in one
 * transaction, conditional on the previous still being current (a lost race gets CONFLICT).
 */
export function reviseQuestion(current: Question, content: QuestionContent, now: string): Revision {
  if (sameContent(current, content)) return { changed: false };
  const version = current.version + 1;
  return {
    changed: true,
    previous: { ...current, current: false, updatedAt: now },
    next: { ...current, ...contentOf(content), _id: questionVersionId(current.lineageId, version), version, current: true, stemKey: stemKey(content.stem), createdAt: now, updatedAt: now },
    stemChanged: stemKey(content.stem) !== current.stemKey,
  };
}

// ---------------------------------------------------------------------------------------------
// xlsx template and row mapping

export const QUESTION_IMPORT_MAX_ROWS = 3000;
export const QUESTION_TEMPLATE_FILE_NAME = '题库导入模板.xlsx';
export const QUESTION_TEMPLATE_SHEET = '试题';

type QColumnKey = 'type' | 'stem' | `option${(typeof OPTION_KEYS)[number]}` | 'answer' | 'analysis' | 'difficulty' | 'industries' | 'postCategories' | 'knowledgePoints' | 'lawRefs';

export interface QuestionImportColumn {
  key: QColumnKey;
  /** Header as in the template (a trailing * marks required; problems name columns by this label). */
  label: string;
  required: boolean;
  example: string;
  hint: string;
  /** Only recognised when present (not in the template): more options than allowed. */
  extra?: boolean;
}

const optionColumns: QuestionImportColumn[] = OPTION_KEYS.map((k, i) => ({
  key: `option${k}` as QColumnKey,
  label: `选项${k}`,
  required: false,
  example: ['戴好安全帽', '穿拖鞋进入现场', '酒后作业', '无证操作', '', ''][i] ?? '',
  hint: i < 2 ? '判断题不填选项' : '可不填',
  extra: i >= MAX_OPTIONS,
}));

export const QUESTION_IMPORT_COLUMNS: readonly QuestionImportColumn[] = [
  { key: 'type', label: '题型', required: true, example: '单选题', hint: '单选题、多选题或判断题' },
  { key: 'stem', label: '题干', required: true, example: '进入施工现场必须（ ）。', hint: `不超过${STEM_MAX}字，同一题库内不能重复` },
  ...optionColumns,
  { key: 'answer', label: '答案', required: true, example: 'A', hint: '选项字母，多选如ABD；判断题填正确或错误' },
  { key: 'analysis', label: '解析', required: false, example: '《安全生产法》规定从业人员应正确佩戴和使用劳动防护用品。', hint: '可不填' },
  { key: 'difficulty', label: '难度', required: false, example: '易', hint: '易、中、难，不填为中' },
  { key: 'industries', label: '适用行业', required: false, example: '建筑施工', hint: '多个用顿号分隔，不填为通用' },
  { key: 'postCategories', label: '岗位分类', required: false, example: '', hint: '多个用顿号分隔，不填为全部岗位' },
  { key: 'knowledgePoints', label: '知识点', required: false, example: '劳动防护用品', hint: '多个用顿号分隔' },
  { key: 'lawRefs', label: '法规依据', required: false, example: '《安全生产法》第五十七条', hint: '多个用顿号分隔' },
];
/** The columns a template (and an export) has: options A–F only. */
export const QUESTION_TEMPLATE_COLUMNS = QUESTION_IMPORT_COLUMNS.filter((c) => !c.extra);

const TYPE_WORDS: Record<string, QuestionType> = {
  单选: 'single', 单选题: 'single', 单项选择: 'single', 单项选择题: 'single', single: 'single',
  多选: 'multiple', 多选题: 'multiple', 多项选择: 'multiple', 多项选择题: 'multiple', multiple: 'multiple',
  判断: 'judge', 判断题: 'judge', 是非题: 'judge', judge: 'judge',
};
const JUDGE_WORDS: Record<string, 'A' | 'B'> = {
  正确: 'A', 对: 'A', '√': 'A', '✓': 'A', '✔': 'A', 是: 'A', T: 'A', TRUE: 'A', Y: 'A', A: 'A',
  错误: 'B', 错: 'B', '×': 'B', '✗': 'B', '✘': 'B', X: 'B', 否: 'B', F: 'B', FALSE: 'B', N: 'B', B: 'B',
};
const DIFFICULTY_WORDS: Record<string, Difficulty> = {
  易: 'easy', 简单: 'easy', 容易: 'easy', easy: 'easy',
  中: 'medium', 中等: 'medium', 一般: 'medium', 适中: 'medium', medium: 'medium',
  难: 'hard', 困难: 'hard', 较难: 'hard', hard: 'hard',
};

// Separators inside a title (《…管理、使用…规程》) or between letters (GB/T 4968) belong to the name.
const KEEP: Record<string, string> = { '、': '\ue000', ',': '\ue001', '，': '\ue002', ';': '\ue003', '；': '\ue004', '/': '\ue005' };
const UNKEEP: Record<string, string> = Object.fromEntries(Object.entries(KEEP).map(([k, v]) => [v, k]));
const splitList = (s: string): string[] =>
  s
    .replace(/《[^》]*》/g, (m) => m.replace(/[、,，;；/]/g, (c) => KEEP[c]))
    .replace(/([A-Za-z])\/([A-Za-z])/g, `$1${KEEP['/']}$2`)
    .split(/[、,，;；/\n]+/)
    .map((x) => x.replace(/[\ue000-\ue005]/g, (c) => UNKEEP[c]).trim())
    .filter(Boolean);

/** Answer cell → option letters ("A、B D", "abd" → A B D), or null when it holds anything else. */
export function parseAnswerCell(type: QuestionType, cell: string): string[] | null {
  const s = cell.replace(/\s+/g, '');
  if (s === '') return [];
  if (type === 'judge') {
    const k = JUDGE_WORDS[s.toUpperCase()] ?? JUDGE_WORDS[s];
    return k ? [k] : null;
  }
  const letters = s.replace(/[、,，;；/]/g, '').toUpperCase();
  if (!/^[A-Z]+$/.test(letters)) return null;
  return [...new Set(letters.split(''))].sort();
}

export interface QuestionImportRow {
  /** Excel row number (header = 1). */
  row: number;
  content: QuestionContent;
  stemKey: string;
}

export interface QuestionImportProblem extends ImportProblem {
  code: QuestionProblemCode;
}

export type QuestionTableResult =
  | { ok: true; total: number; rows: QuestionImportRow[]; problems: QuestionImportProblem[]; duplicates: number }
  | { ok: false; code: 'IMPORT_INVALID' | 'IMPORT_TOO_LARGE'; reason: string };

const headerKey = (h: unknown): string => normalizeCell(h).replace(/[*\s]/g, '').toUpperCase();
const isBlankRow = (r: readonly unknown[] | undefined) => !r || r.every((c) => normalizeCell(c) === '');

function codesOf<T extends string>(list: readonly { code: T; label: string }[], cell: string): { codes: T[]; unknown: string[] } {
  const codes: T[] = [];
  const unknown: string[] = [];
  for (const v of splitList(cell)) {
    const hit = list.find((i) => i.label === v || i.code === v);
    if (hit) codes.push(hit.code);
    else unknown.push(v);
  }
  return { codes: [...new Set(codes)], unknown };
}

/**
 * Maps a sheet read as arrays (row 0 = header) to questions. Every problem names its Excel row and
 * column header; a row with any problem is left out of `rows`. A stem already in the bank
 * (`bankStemKeys`) or earlier in the file is a DUPLICATE_STEM problem (so a commit of the same
 * file twice adds nothing; the dry run says how many rows are duplicates).
 */
export function mapQuestionRows(table: readonly (readonly unknown[])[], opts: { bankStemKeys?: ReadonlyMap<string, string> } = {}): QuestionTableResult {
  const header = table[0] ?? [];
  const col = new Map<QColumnKey, number>();
  const byLabel = new Map<string, QColumnKey>(QUESTION_IMPORT_COLUMNS.map((c) => [c.label.toUpperCase(), c.key]));
  header.slice(0, 40).forEach((h, i) => {
    const key = byLabel.get(headerKey(h));
    if (key && !col.has(key)) col.set(key, i);
  });
  const missing = QUESTION_IMPORT_COLUMNS.filter((c) => c.required && !col.has(c.key)).map((c) => c.label);
  if (missing.length) return { ok: false, code: 'IMPORT_INVALID', reason: `缺少必填列：${missing.join('、')}（请使用下载的模板）` };

  let last = table.length - 1;
  while (last > 0 && isBlankRow(table[last])) last--;
  const dataRows = table.slice(1, last + 1);
  const total = dataRows.filter((r) => !isBlankRow(r)).length;
  if (total > QUESTION_IMPORT_MAX_ROWS) return { ok: false, code: 'IMPORT_TOO_LARGE', reason: `一次最多导入${QUESTION_IMPORT_MAX_ROWS}道题，本文件有${total}道，请分批导入` };
  if (total === 0) return { ok: false, code: 'IMPORT_INVALID', reason: '文件中没有试题（第2行起填写）' };

  const labelOf = new Map<QColumnKey, string>(QUESTION_IMPORT_COLUMNS.map((c) => [c.key, c.label]));
  const problems: QuestionImportProblem[] = [];
  const rows: QuestionImportRow[] = [];
  const firstRowOfStem = new Map<string, number>();
  let duplicates = 0;

  dataRows.forEach((r, i) => {
    if (isBlankRow(r)) return;
    const row = i + 2;
    const cell = (k: QColumnKey): string => {
      const idx = col.get(k);
      return idx === undefined ? '' : normalizeCell(r[idx]);
    };
    // Texts keep their full-width punctuation (（ ）、，。): width folding is for codes and keywords;
    // a stem imported from a sheet reads as typed. Duplicates are still found (stemKey folds width).
    const textCell = (k: QColumnKey): string => {
      const idx = col.get(k);
      const v = idx === undefined ? undefined : r[idx];
      return typeof v === 'string' ? v.replace(/\u3000/g, ' ').trim() : idx === undefined ? '' : normalizeCell(v);
    };
    let bad = false;
    const report = (k: QColumnKey, code: QuestionProblemCode, reason: string = QUESTION_PROBLEM_ZH[code]) => {
      problems.push({ row, column: labelOf.get(k) ?? k, code, reason });
      bad = true;
    };

    const typeCell = cell('type');
    const type = TYPE_WORDS[typeCell] ?? TYPE_WORDS[typeCell.toLowerCase()];
    if (!typeCell) report('type', 'INVALID', '题型为必填项');
    else if (!type) report('type', 'TYPE_UNKNOWN');

    const stem = textCell('stem');
    if (!stem) report('stem', 'STEM_MISSING');

    const optionCells = OPTION_KEYS.map((k) => textCell(`option${k}` as QColumnKey));
    const answerCell = cell('answer');
    const answer = type ? parseAnswerCell(type, answerCell) : [];
    if (type && answer === null) report('answer', 'ANSWER_FORMAT');

    const difficultyCell = cell('difficulty');
    const difficulty = difficultyCell ? (DIFFICULTY_WORDS[difficultyCell] ?? DIFFICULTY_WORDS[difficultyCell.toLowerCase()]) : 'medium';
    if (!difficulty) report('difficulty', 'DIFFICULTY_UNKNOWN');

    const industries = codesOf(INDUSTRIES, cell('industries'));
    if (industries.unknown.length) report('industries', 'TAG_UNKNOWN', `未知的行业：${industries.unknown.join('、')}`);
    const posts = codesOf(POST_CATEGORIES, cell('postCategories'));
    if (posts.unknown.length) report('postCategories', 'TAG_UNKNOWN', `未知的岗位分类：${posts.unknown.join('、')}`);

    if (!type || !stem || answer === null || !difficulty) return;
    if (type === 'judge' && optionCells.some((c) => c !== '') && !(optionCells[0] === '正确' && optionCells[1] === '错误' && optionCells.slice(2).every((c) => c === ''))) {
      report('optionA', 'INVALID', '判断题不填选项（固定为正确、错误）');
    }

    const shape = questionInput.safeParse({
      type,
      stem,
      options: type === 'judge' ? [] : optionCells,
      answer,
      analysis: textCell('analysis'),
      difficulty,
      tags: { industries: industries.codes, postCategories: posts.codes, knowledgePoints: splitList(textCell('knowledgePoints')), lawRefs: splitList(textCell('lawRefs')) },
    });
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        const p0 = String(issue.path[0] ?? '');
        const p1 = String(issue.path[1] ?? '');
        const key: QColumnKey = p0 === 'tags' ? (p1 as QColumnKey) : p0 === 'options' ? (`option${OPTION_KEYS[Number(issue.path[1])] ?? 'A'}` as QColumnKey) : (p0 as QColumnKey);
        report(col.has(key) ? key : 'stem', 'INVALID', issue.message);
      }
      return;
    }
    const checked = checkQuestion(shape.data, { bankStemKeys: opts.bankStemKeys });
    if (!checked.ok) {
      for (const p of checked.problems) {
        const key: QColumnKey =
          p.field === 'answer' ? 'answer' : p.field.startsWith('options.') ? (`option${OPTION_KEYS[Number(p.field.slice(8))]}` as QColumnKey) : p.field === 'options' ? (p.code === 'TOO_MANY_OPTIONS' ? (`option${OPTION_KEYS[MAX_OPTIONS]}` as QColumnKey) : 'optionA') : 'stem';
        report(key, p.code, p.message);
        if (p.code === 'DUPLICATE_STEM') duplicates++;
      }
      return;
    }
    const first = firstRowOfStem.get(checked.stemKey);
    if (first !== undefined) {
      report('stem', 'DUPLICATE_STEM_IN_FILE', `与第${first}行题干重复`);
      duplicates++;
      return;
    }
    firstRowOfStem.set(checked.stemKey, row);
    if (!bad) rows.push({ row, content: checked.content, stemKey: checked.stemKey });
  });

  return { ok: true, total, rows, problems, duplicates };
}

/** One template row of a question (export): re-importing an export yields the same content. */
export function questionToRow(q: QuestionContent): string[] {
  const label = <T extends string>(list: readonly { code: T; label: string }[], codes: readonly T[]) => codes.map((c) => list.find((i) => i.code === c)?.label ?? c).join('、');
  return QUESTION_TEMPLATE_COLUMNS.map((c) => {
    switch (c.key) {
      case 'type':
        return QUESTION_TYPE_ZH[q.type];
      case 'stem':
        return q.stem;
      case 'answer':
        return q.type === 'judge' ? (q.answer[0] === 'A' ? '正确' : '错误') : q.answer.join('');
      case 'analysis':
        return q.analysis;
      case 'difficulty':
        return DIFFICULTY_ZH[q.difficulty];
      case 'industries':
        return label(INDUSTRIES, q.tags.industries);
      case 'postCategories':
        return label(POST_CATEGORIES, q.tags.postCategories);
      case 'knowledgePoints':
        return q.tags.knowledgePoints.join('、');
      case 'lawRefs':
        return q.tags.lawRefs.join('、');
      default: {
        if (q.type === 'judge') return '';
        const k = c.key.slice('option'.length);
        return q.options.find((o) => o.key === k)?.text ?? '';
      }
    }
  });
}
