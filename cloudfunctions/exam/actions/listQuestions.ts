import { examBankContracts } from '../../../shared/contracts/exam';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadManagedBank, toQuestionRow, type QuestionDoc } from '../banks';
import { MANAGERS } from '../owner';

const ROW_FIELDS = { _id: true, lineageId: true, version: true, type: true, stem: true, difficulty: true, status: true, tags: true, updatedAt: true } as const;

/** Current versions of a bank's questions (no keys, no analysis), filtered and paged. */
export default defineAction(examBankContracts.listQuestions, {
  allow: MANAGERS,
  async run({ bankId, keyword, type, status, difficulty, knowledgePoint, page, pageSize }, ctx) {
    const { db } = ctx;
    await loadManagedBank(ctx, bankId);
    const where: Record<string, unknown> = { bankId, current: true };
    if (status) where.status = status;
    if (type) where.type = type;
    if (difficulty) where.difficulty = difficulty;
    if (knowledgePoint) where['tags.knowledgePoints'] = knowledgePoint;
    if (keyword) where.stem = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
    const coll = db.collection(C.questions);
    const [res, count] = await Promise.all([
      coll.where(where).orderBy('createdAt', 'desc').orderBy('_id', 'asc').skip((page - 1) * pageSize).limit(pageSize).field(ROW_FIELDS).get<QuestionDoc>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map(toQuestionRow), total: count.total, page, pageSize };
  },
});
