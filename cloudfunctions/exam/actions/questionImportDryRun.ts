import { examBankContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { bankStemKeys, loadManagedBank } from '../banks';
import { MANAGERS } from '../owner';
import { loadQuestionFile } from '../questionFile';

/**
 * 导入预检: every row's problems by Excel row and column header (missing answer, answer not among
 * the options, too many options, a stem already in the bank or earlier in the file, …); writes nothing.
 */
export default defineAction(examBankContracts.questionImportDryRun, {
  allow: MANAGERS,
  async run({ bankId, fileID }, ctx) {
    await loadManagedBank(ctx, bankId);
    const file = await loadQuestionFile(ctx, fileID, () => bankStemKeys(ctx.db, bankId));
    return { total: file.total, create: file.rows.length, duplicates: file.duplicates, problems: file.problems };
  },
});
