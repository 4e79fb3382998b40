import { identityContracts } from '../../../shared/contracts/identity';
import { accountView, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';

/** The signed-in account, re-read so a disabled account or a revoked session is noticed. */
export default defineAction(identityContracts.consoleMe, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run(_input, { principal }) {
    if (principal.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const account = await getById<AccountDoc>(C.accounts, principal.accountId);
    if (!account || account.status !== 'active' || (account.sessionVersion ?? 1) !== principal.sessionVersion) throw new AppError('SESSION_EXPIRED', '账号已停用或不存在，请重新登录');
    return { account: accountView(account) };
  },
});
