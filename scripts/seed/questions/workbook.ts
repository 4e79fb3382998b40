import { questionToRow, validateQuestion } from '../../../shared/exam/questions';
import { QUESTION_TEMPLATE_HEADER, questionExportBytes } from '../../../shared/exam/questionSheet';
import type { SeedQuestion } from './builder';
import { DEMO_QUESTIONS } from './index';

/**
 * Questions as an .xlsx in the 题库导入 template format (sheet 试题, header row, one question per
 * row: the console's own export writer), exactly what a regulator uploads. Pure function of the
 * questions (the import keys lineages by the file's hash and row; a re-import adds nothing anyway).
 */
export function questionWorkbook(questions: readonly SeedQuestion[] = DEMO_QUESTIONS): Buffer {
  const rows = questions.map((q) => {
    const checked = validateQuestion(q);
    if (!checked.ok) throw new Error(`invalid seed question "${q.stem}": ${checked.problems.map((p) => p.message).join('; ')}`);
    return questionToRow(checked.content);
  });
  return Buffer.from(questionExportBytes(QUESTION_TEMPLATE_HEADER, rows));
}
