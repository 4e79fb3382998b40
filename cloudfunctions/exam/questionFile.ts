import { mapQuestionRows, QUESTION_IMPORT_MAX_ROWS, type QuestionImportProblem, type QuestionImportRow } from '../../shared/exam/questions';
import { SHEET_UPLOAD_MAX_BYTES } from '../../shared/uploads';
import type { Ctx } from '../common/action';
import { AppError } from '../common/errors';
import { loadSheet } from './sheetFile';

export interface QuestionFile {
  /** sha256 of the bytes: lineage ids are `file:<hash>:<row>`, so a replayed commit finds what it wrote. */
  hash: string;
  total: number;
  rows: QuestionImportRow[];
  problems: QuestionImportProblem[];
  duplicates: number;
}

/** Problems a commit tolerates: rows whose stem is already taken are skipped (the lock decides). */
export const DUPLICATE_CODES = new Set(['DUPLICATE_STEM', 'DUPLICATE_STEM_IN_FILE']);

/**
 * Reads and maps a question file. With `bankStemKeys` (dry run) stems already in the bank are
 * problems; without (commit) the row list depends on the file alone, so offsets stay stable
 * while chunks are committed and replayed.
 */
export async function loadQuestionFile(ctx: Ctx, fileID: string, bankStemKeys?: () => Promise<ReadonlyMap<string, string>>): Promise<QuestionFile> {
  // The file first: a hostile or broken one is refused before any query about the bank.
  const { hash, table } = await loadSheet(ctx, fileID, { maxRows: QUESTION_IMPORT_MAX_ROWS, maxBytes: SHEET_UPLOAD_MAX_BYTES.questionImport, what: '试题' });
  const r = mapQuestionRows(table, { bankStemKeys: bankStemKeys ? await bankStemKeys() : undefined });
  if (!r.ok) throw new AppError(r.code, r.reason, { problems: [] });
  return { hash, total: r.total, rows: r.rows, problems: r.problems, duplicates: r.duplicates };
}

export const importSourceKey = (hash: string, row: number): string => `file:${hash}:${row}`;
