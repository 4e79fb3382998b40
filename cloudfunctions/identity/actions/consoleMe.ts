import { identityContracts } from '../../../shared/contracts/identity';
import { accountView } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { callerAccount } from '../accountScope';

/** The signed-in account as the router re-read it (a disabled account or a revoked session never gets here). */
export default defineAction(identityContracts.consoleMe, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  passwordChange: true,
  async run(_input, ctx) {
    return { account: accountView(callerAccount(ctx)) };
  },
});
