import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { enterpriseDetail, loadEnterpriseInScope } from '../../common/enterprises';

/** One enterprise's archive: sysadmin any, a regulator within its region (and industries), an admin its own. */
export default defineAction(orgContracts.getEnterprise, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ enterpriseId }, { principal }) {
    return { enterprise: enterpriseDetail(await loadEnterpriseInScope(principal, enterpriseId)) };
  },
});
