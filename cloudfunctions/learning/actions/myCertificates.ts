import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { toCertificateView, type CertificateDoc } from '../certificates';
import { callerPerson } from '../learner';

export default defineAction(learningContracts.myCertificates, {
  allow: ['worker'],
  async run(_input, ctx) {
    const person = callerPerson(ctx);
    const res = await ctx.db.collection(C.certificates).where({ personId: person._id }).orderBy('issuedAt', 'desc').limit(100).get<CertificateDoc>();
    return { items: res.data.map(toCertificateView) };
  },
});
