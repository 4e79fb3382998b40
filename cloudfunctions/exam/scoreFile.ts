import type { ImportProblem } from '../../shared/contracts/imports';
import { shanghaiDay } from '../../shared/calendar';
import { mapScoreRows, SCORE_UPLOAD_MAX_ROWS, uploadedResultId, type ScoreUploadRow } from '../../shared/exam/scoreUpload';
import { SHEET_UPLOAD_MAX_BYTES } from '../../shared/uploads';
import type { Ctx } from '../common/action';
import { C } from '../common/db';
import { AppError } from '../common/errors';
import { personIdOf } from '../common/persons';
import { loadSheet } from './sheetFile';

/** A stored offline result (collection `uploadedScores`). */
export interface UploadedScoreDoc {
  _id: string;
  personId: string;
  enterpriseId: string;
  enterpriseName: string | null;
  name: string;
  examTitle: string;
  /** YYYY-MM-DD. */
  date: string;
  score: number;
  fullScore: number;
  passScore: number;
  passed: boolean;
  source: 'uploaded';
  uploadedBy: string;
  fileID: string;
  fileHash: string;
  row: number;
  createdAt: Date;
}

export interface ScoreFile {
  hash: string;
  total: number;
  /** Valid rows of the enterprise's own current staff, with their ids. */
  rows: (ScoreUploadRow & { personId: string; _id: string; personName: string })[];
  problems: ImportProblem[];
}

const IN_BATCH = 500;
const NOT_STAFF = '不是本企业在职员工（未登记或已离职的人员不能上传成绩）';

/**
 * Reads a 成绩上传 file: template rows (mapScoreRows: ID number, score ≤ full score, date not in the
 * future, no duplicate person/exam/date) of the enterprise's own current staff. An ID number of
 * anyone else — unknown, another enterprise's, former staff — is the same problem (no oracle).
 */
export async function loadScoreFile(ctx: Ctx, fileID: string, enterpriseId: string, opts: { fullScore: number; passScore: number }): Promise<ScoreFile> {
  if (opts.passScore > opts.fullScore) throw new AppError('INVALID_INPUT', '及格分不能高于满分');
  const { hash, table } = await loadSheet(ctx, fileID, { maxRows: SCORE_UPLOAD_MAX_ROWS, maxBytes: SHEET_UPLOAD_MAX_BYTES.scoreUpload, what: '成绩数据' });
  const r = mapScoreRows(table, { ...opts, today: shanghaiDay(ctx.now()) });
  if (!r.ok) throw new AppError(r.code, r.reason, { problems: [] });
  const _ = ctx.db.command;
  const ids = [...new Set(r.rows.map((row) => personIdOf(row.idNumber)))];
  const staff = new Map<string, string>();
  const batches: Promise<{ data: { _id: string; name: string }[] }>[] = [];
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    const part = ids.slice(i, i + IN_BATCH);
    batches.push(ctx.db.collection(C.persons).where({ _id: _.in(part), enterpriseId, status: 'active' }).field({ _id: true, name: true }).limit(part.length).get<{ _id: string; name: string }>());
  }
  for (const b of await Promise.all(batches)) for (const p of b.data) staff.set(p._id, p.name);
  const problems: ImportProblem[] = [...r.problems];
  const rows: ScoreFile['rows'] = [];
  for (const row of r.rows) {
    const personId = personIdOf(row.idNumber);
    const personName = staff.get(personId);
    if (personName === undefined) problems.push({ row: row.row, column: '身份证号码', reason: NOT_STAFF, ...(row.name ? { name: row.name } : {}) });
    else rows.push({ ...row, personId, personName, _id: uploadedResultId(personId, row.examTitle, row.date) });
  }
  problems.sort((a, b) => a.row - b.row);
  return { hash, total: r.total, rows, problems };
}
